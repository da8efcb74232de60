package dev.duoconformance.checks.gitlab;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;
import static dev.duoconformance.http.GitLabClient.Identity.USER;

import dev.duoconformance.conditions.GitLabConditions;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("gitlab-can-reach-ai-gateway")
@Tag("gitlab")
@Tag("gitlab-can-reach-ai-gateway")
@DisplayName("Check if GitLab can make an HTTP request to the AI gateway")
class GitLabCanReachAiGatewayCheck {

    @Test
    @GitLabApi(value = "cloudConnectorStatus", since = "17.3", needs = ADMIN)
    @DisplayName("GitLab's health check reaches the AI gateway's host (host_probe)")
    void healthCheckReachesTheGatewayHost(GitLabClient gitlab, GitLabConditions conditions, Verdict verdict) {
        if (!conditions.aiGatewayServes().isBroken()) {
            attachProbes(gitlab, verdict); // a gateway known down is not probed again: GitLab's HEAD would wait for it too
        }
        verdict.require(conditions.hostProbe());
    }

    @Test
    @GitLabApi(value = "POST /api/v4/code_suggestions/direct_access", needs = USER)
    @DisplayName("POST /api/v4/code_suggestions/direct_access returns 201: GitLab → AI gateway → GitLab's JWKS")
    void directAccessTokenIsGranted(GitLabConditions conditions, Verdict verdict) {
        verdict.require(conditions.directAccess());
    }

    /** Each health check probe's name, result and message, as an attachment of the check. */
    private static void attachProbes(GitLabClient gitlab, Verdict verdict) {
        var status = gitlab.healthCheck().data().path("cloudConnectorStatus");
        if (status.isObject()) {
            verdict.attach("GitLab Duo health check probes", GitLabConditions.describeProbes(status).replace("; ", "\n"));
        }
    }
}
