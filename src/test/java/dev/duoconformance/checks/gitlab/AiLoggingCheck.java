package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Informational: whether GitLab logs its AI requests is reported, never failed. */
@DocSection("ai-logging")
@Tag("gitlab")
@Tag("ai-logging")
class AiLoggingCheck {
    @Test
    void reportsTheFeatureFlag(SectionCheck check) {
        check.judge();
    }

    @Test
    void reportsTheInstanceSetting(SectionCheck check) {
        check.judge();
    }
}
