package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.AgentPlatformServiceUrl;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;

@DocSection("agent-platform-service-url")
@Tag("gitlab")
@Tag("agent-platform-service-url")
class AgentPlatformServiceUrlCheck {

    @Test
    @GitLabApi(value = "duoSettings.duoAgentPlatformServiceUrl", since = "18.4", needs = ADMIN)
    @DisplayName("The Agent Platform service URL, when set, is host:port without http:// or https://")
    void serviceUrlHasNoScheme(Rules rules, Verdict verdict) {
        verdict.require(rules.get(AgentPlatformServiceUrl.class).agentPlatformUrl());
    }

}
