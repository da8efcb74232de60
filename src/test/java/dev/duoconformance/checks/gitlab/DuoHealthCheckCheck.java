package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("duo-health-check")
@Tag("gitlab")
@Tag("duo-health-check")
class DuoHealthCheckCheck {
    @Test
    void healthCheckPasses(SectionCheck check) {
        check.judge();
    }
}
