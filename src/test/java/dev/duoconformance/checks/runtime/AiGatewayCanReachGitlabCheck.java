package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-can-reach-gitlab")
@Tag("runtime")
@Tag("ai-gateway-can-reach-gitlab")
class AiGatewayCanReachGitlabCheck {
    @Test
    void gitlabAnswersFromInsideTheContainer(SectionCheck check) {
        check.judge();
    }
}
