package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.AiGatewayUrl;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;

@DocSection("ai-gateway-url")
@Tag("gitlab")
@Tag("ai-gateway-url")
class AiGatewayUrlCheck {

    @Test
    @GitLabApi(value = "duoSettings", since = "17.9", needs = ADMIN)
    @DisplayName("GitLab's AI gateway URL (duoSettings.aiGatewayUrl) is ai_gateway.expected_url")
    void gatewayUrlIsTheExpectedOne(Rules rules, Verdict verdict) {
        verdict.require(rules.get(AiGatewayUrl.class).gatewayUrl());
    }
}
