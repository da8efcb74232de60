package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("gitlab-can-request-model")
@Tag("gitlab")
@Tag("gitlab-can-request-model")
class GitLabCanRequestModelCheck {
    @Test
    void completionReturnsASuggestion(SectionCheck check) {
        check.judge();
    }
}
