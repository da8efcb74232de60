package dev.duoconformance.checks.gitlab;

import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.aigw.AiGatewayCanProcessRequests;
import dev.duoconformance.rules.gitlab.GitLabCanReachAiGateway;
import dev.duoconformance.rules.gitlab.GitLabReads;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;
import static dev.duoconformance.http.GitLabClient.Identity.USER;

@DocSection("gitlab-can-reach-ai-gateway")
@Tag("gitlab")
@Tag("gitlab-can-reach-ai-gateway")
class GitLabCanReachAiGatewayCheck {

    @Test
    @GitLabApi(value = "cloudConnectorStatus", since = "17.3", needs = ADMIN)
    @DisplayName("GitLab's health check reaches the AI gateway's host (host_probe)")
    void healthCheckReachesTheGatewayHost(GitLabClient gitlab, Rules rules, Verdict verdict) {
        if (!rules.get(AiGatewayCanProcessRequests.class).serves().isBroken()) {
            attachProbes(gitlab, verdict); // a gateway known down is not probed again: GitLab's HEAD would wait for it too
        }
        verdict.require(rules.get(GitLabCanReachAiGateway.class).hostProbe());
    }

    @Test
    @GitLabApi(value = "POST /api/v4/code_suggestions/direct_access", needs = USER)
    @DisplayName("POST /api/v4/code_suggestions/direct_access returns 201: GitLab → AI gateway → GitLab's JWKS")
    void directAccessTokenIsGranted(Rules rules, Verdict verdict) {
        verdict.require(rules.get(GitLabCanReachAiGateway.class).directAccess());
    }

    /** Each health check probe's name, result and message, as an attachment of the check. */
    private static void attachProbes(GitLabClient gitlab, Verdict verdict) {
        var status = gitlab.healthCheck().data().path("cloudConnectorStatus");
        if (status.isObject()) {
            verdict.attach("GitLab Duo health check probes", GitLabReads.describeProbes(status).replace("; ", "\n"));
        }
    }
}
