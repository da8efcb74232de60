package dev.duoconformance.checks.runtime;

import dev.duoconformance.config.Environment;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.runtime.GatewayRuntime;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-can-reach-gitlab")
@Tag("runtime")
@Tag("ai-gateway-can-reach-gitlab")
@DisplayName("Check if AI Gateway can make requests to your GitLab instance")
class AiGatewayCanReachGitlabCheck {

    @Test
    @DisplayName("From inside the AI gateway container, AIGW_GITLAB_URL serves its OIDC discovery document and signing keys")
    void gitlabAnswersFromInsideTheContainer(Environment environment, GatewayRuntime runtime, Verdict verdict) {
        GatewayContainer.judgeEach(runtime, verdict, instance -> {
            GatewayContainer.running(instance, verdict);
            Optional<GatewayContainer.Problem> url = GatewayContainer.gitlabUrlMismatch(environment, instance, verdict);
            if (url.isPresent()) {
                throw verdict.blockedBy(Sections.AIGW_ENV_VARS, url.get().butWas());
            }
            return GatewayContainer.gitlabUnreachable(instance, verdict);
        });
    }
}
