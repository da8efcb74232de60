package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("agent-platform-auth-token")
@Tag("gitlab")
@Tag("agent-platform-auth-token")
class AgentPlatformAuthTokenCheck {
    @Test
    void gitLabReachesTheAgentPlatformService(SectionCheck check) {
        check.judge();
    }
}
