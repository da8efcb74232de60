package dev.duoconformance.checks.gitlab;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;

import dev.duoconformance.conditions.GitLabConditions;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-url")
@Tag("gitlab")
@Tag("ai-gateway-url")
@DisplayName("Check that the AI gateway URL is set up correctly")
class AiGatewayUrlCheck {

    @Test
    @GitLabApi(value = "duoSettings", since = "17.9", needs = ADMIN)
    @DisplayName("GitLab's AI gateway URL (duoSettings.aiGatewayUrl) is ai_gateway.expected_url")
    void gatewayUrlIsTheExpectedOne(GitLabConditions conditions, Verdict verdict) {
        verdict.require(conditions.gatewayUrl());
    }
}
