package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("user-can-request-code-suggestions")
@Tag("gitlab")
@Tag("user-can-request-code-suggestions")
class UserCanRequestCodeSuggestionsCheck {
    @Test
    void licenseAndAddOnAreInPlace(SectionCheck check) {
        check.judge();
    }

    @Test
    void userHasAccess(SectionCheck check) {
        check.judge();
    }
}
