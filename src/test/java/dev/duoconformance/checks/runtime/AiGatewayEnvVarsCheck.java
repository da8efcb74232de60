package dev.duoconformance.checks.runtime;

import dev.duoconformance.config.Environment;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.runtime.GatewayInstance;
import dev.duoconformance.runtime.GatewayRuntime;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-env-vars")
@Tag("runtime")
@Tag("ai-gateway-env-vars")
@DisplayName("Check that the AI gateway environment variables are set up correctly")
class AiGatewayEnvVarsCheck {

    @Test
    @DisplayName("AIGW_CUSTOM_MODELS__ENABLED is true in the AI gateway container")
    void customModelsAreEnabled(GatewayRuntime runtime, Verdict verdict) {
        GatewayContainer.judgeEach(runtime, verdict, instance -> GatewayContainer.customModelsDisabled(attached(instance), verdict));
    }

    @Test
    @DisplayName("AIGW_GITLAB_URL and AIGW_GITLAB_API_URL point to this GitLab instance")
    void gitlabUrlsPointToThisInstance(GatewayRuntime runtime, Environment environment, Verdict verdict) {
        GatewayContainer.judgeEach(runtime, verdict, instance -> {
            var problem = GatewayContainer.gitlabUrlMismatch(environment, attached(instance), verdict);
            if (problem.isEmpty() && environment.gitlab().isEmpty()) {
                verdict.note("no gitlab block in the environment file: AIGW_GITLAB_URL=" + instance.info().env("AIGW_GITLAB_URL").orElseThrow()
                        + " of " + instance.where() + " was checked for form only");
            }
            return problem;
        });
    }

    @Test
    @DisplayName("Authentication is not bypassed (AIGW_AUTH__BYPASS_EXTERNAL) unless the environment expects the troubleshooting bypass")
    void authenticationIsNotBypassed(GatewayRuntime runtime, Environment environment, Verdict verdict) {
        GatewayContainer.judgeEach(runtime, verdict, instance -> GatewayContainer.authBypassed(environment, attached(instance), verdict));
    }

    private static GatewayInstance attached(GatewayInstance instance) {
        Allure.addAttachment("environment of " + instance.where() + " (AIGW_*, proxies, CA bundles; secrets masked)", "text/plain",
                instance.describe(name -> name.startsWith("AIGW_") || name.matches("(?i).*_proxy")
                        || name.equals("SSL_CERT_FILE") || name.equals("REQUESTS_CA_BUNDLE")), ".txt");
        return instance;
    }
}
