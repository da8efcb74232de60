package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.runtime.AiGatewayCanReachGitlab;
import dev.duoconformance.runtime.GatewayRuntime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-can-reach-gitlab")
@Tag("runtime")
@Tag("ai-gateway-can-reach-gitlab")
class AiGatewayCanReachGitlabCheck {

    @Test
    @DisplayName("From inside the AI gateway container, AIGW_GITLAB_URL serves its OIDC discovery document and signing keys")
    void gitlabAnswersFromInsideTheContainer(GatewayRuntime runtime, Rules rules, Verdict verdict) {
        verdict.require(rules.get(AiGatewayCanReachGitlab.class).gitlabAnswers());
    }
}
