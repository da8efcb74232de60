package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-env-vars")
@Tag("runtime")
@Tag("ai-gateway-env-vars")
class AiGatewayEnvVarsCheck {
    @Test
    void customModelsAreEnabled(SectionCheck check) {
        check.judge();
    }

    @Test
    void gitlabUrlsPointToThisInstance(SectionCheck check) {
        check.judge();
    }

    @Test
    void authenticationIsNotBypassed(SectionCheck check) {
        check.judge();
    }
}
