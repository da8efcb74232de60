package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("agent-platform-service-url")
@Tag("gitlab")
@Tag("agent-platform-service-url")
class AgentPlatformServiceUrlCheck {
    @Test
    void serviceUrlHasNoScheme(SectionCheck check) {
        check.judge();
    }
}
