package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.runtime.AiGatewayEnvVars;
import dev.duoconformance.runtime.GatewayRuntime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-env-vars")
@Tag("runtime")
@Tag("ai-gateway-env-vars")
class AiGatewayEnvVarsCheck {

    @Test
    @DisplayName("AIGW_CUSTOM_MODELS__ENABLED is true in the AI gateway container")
    void customModelsAreEnabled(GatewayRuntime runtime, Rules rules, Verdict verdict) {
        AiGatewayEnvVars envVars = attached(rules, verdict);
        verdict.require(envVars.customModelsEnabled());
    }

    @Test
    @DisplayName("AIGW_GITLAB_URL and AIGW_GITLAB_API_URL point to this GitLab instance")
    void gitlabUrlsPointToThisInstance(GatewayRuntime runtime, Rules rules, Verdict verdict) {
        AiGatewayEnvVars envVars = attached(rules, verdict);
        verdict.require(envVars.gitlabUrls());
    }

    @Test
    @DisplayName("Authentication is not bypassed (AIGW_AUTH__BYPASS_EXTERNAL) unless the environment expects the troubleshooting bypass")
    void authenticationIsNotBypassed(GatewayRuntime runtime, Rules rules, Verdict verdict) {
        AiGatewayEnvVars envVars = attached(rules, verdict);
        verdict.require(envVars.authenticationNotBypassed());
    }

    /** The rule, with the variables it reads attached to the check's result. */
    private static AiGatewayEnvVars attached(Rules rules, Verdict verdict) {
        AiGatewayEnvVars envVars = rules.get(AiGatewayEnvVars.class);
        envVars.environments().forEach(e -> verdict.attach(e.name(), e.content()));
        return envVars;
    }
}
