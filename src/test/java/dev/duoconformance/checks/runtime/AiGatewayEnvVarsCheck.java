package dev.duoconformance.checks.runtime;

import dev.duoconformance.config.Environment;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayRuntime;
import io.qameta.allure.Allure;
import java.util.Optional;
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
        ContainerInfo container = inspected(runtime, verdict);
        fail(GatewayContainer.customModelsDisabled(container), verdict);
    }

    @Test
    @DisplayName("AIGW_GITLAB_URL and AIGW_GITLAB_API_URL point to this GitLab instance")
    void gitlabUrlsPointToThisInstance(GatewayRuntime runtime, Environment environment, Verdict verdict) {
        ContainerInfo container = inspected(runtime, verdict);
        fail(GatewayContainer.gitlabUrlMismatch(environment, container), verdict);
        if (environment.gitlab().isEmpty()) {
            verdict.note("no gitlab block in the environment file: AIGW_GITLAB_URL=" + container.env("AIGW_GITLAB_URL").orElseThrow()
                    + " was checked for form only");
        }
    }

    @Test
    @DisplayName("Authentication is not bypassed (AIGW_AUTH__BYPASS_EXTERNAL) unless the environment expects the troubleshooting bypass")
    void authenticationIsNotBypassed(GatewayRuntime runtime, Environment environment, Verdict verdict) {
        ContainerInfo container = inspected(runtime, verdict);
        fail(GatewayContainer.authBypassed(environment, container), verdict);
    }

    private static ContainerInfo inspected(GatewayRuntime runtime, Verdict verdict) {
        ContainerInfo container = GatewayContainer.inspected(runtime, verdict);
        Allure.addAttachment("environment of container " + container.name() + " (AIGW_*, proxies, CA bundles; secrets masked)", "text/plain",
                runtime.describe(container, name -> name.startsWith("AIGW_") || name.matches("(?i).*_proxy")
                        || name.equals("SSL_CERT_FILE") || name.equals("REQUESTS_CA_BUNDLE")), ".txt");
        return container;
    }

    private static void fail(Optional<GatewayContainer.Problem> problem, Verdict verdict) {
        if (problem.isPresent()) {
            throw problem.get().failed(verdict);
        }
    }
}
