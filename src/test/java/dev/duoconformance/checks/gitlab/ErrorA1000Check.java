package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("error-a1000")
@Tag("gitlab")
@Tag("model")
@Tag("error-a1000")
class ErrorA1000Check {
    @Test
    void chatModelsAnswerWithinTheTimeout(SectionCheck check) {
        check.judge();
    }

    @Test
    void chatAnswerIsNotATimeout(SectionCheck check) {
        check.judge();
    }
}
