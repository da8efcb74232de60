package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("duo-chat")
@Tag("gitlab")
@Tag("duo-chat")
class DuoChatCheck {
    @Test
    void chatAnswers(SectionCheck check) {
        check.judge();
    }
}
