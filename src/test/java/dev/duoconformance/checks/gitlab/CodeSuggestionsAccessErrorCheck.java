package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("code-suggestions-access-error")
@Tag("gitlab")
@Tag("code-suggestions-access-error")
class CodeSuggestionsAccessErrorCheck {
    @Test
    void userHoldsASeat(SectionCheck check) {
        check.judge();
    }
}
