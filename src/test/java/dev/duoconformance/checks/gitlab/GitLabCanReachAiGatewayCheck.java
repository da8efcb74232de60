package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("gitlab-can-reach-ai-gateway")
@Tag("gitlab")
@Tag("gitlab-can-reach-ai-gateway")
class GitLabCanReachAiGatewayCheck {
    @Test
    void healthCheckReachesTheGatewayHost(SectionCheck check) {
        check.judge();
    }

    @Test
    void directAccessTokenIsGranted(SectionCheck check) {
        check.judge();
    }
}
