package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.DuoHealthCheck;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;

@DocSection("duo-health-check")
@Tag("gitlab")
@Tag("duo-health-check")
class DuoHealthCheckCheck {

    @Test
    @GitLabApi(value = "cloudConnectorStatus", since = "17.3", needs = ADMIN)
    @DisplayName("GitLab's Duo health check (cloudConnectorStatus) passes, or fails only with the known 401 while real requests work")
    void healthCheckPasses(Rules rules, Verdict verdict) {
        verdict.require(rules.get(DuoHealthCheck.class).healthCheck());
    }
}
