package dev.duoconformance.checks.gitlab;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;

import dev.duoconformance.conditions.GitLabConditions;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("agent-platform-service-url")
@Tag("gitlab")
@Tag("agent-platform-service-url")
@DisplayName("Validate the GitLab Duo Agent Platform service URL")
class AgentPlatformServiceUrlCheck {

    @Test
    @GitLabApi(value = "duoSettings.duoAgentPlatformServiceUrl", since = "18.4", needs = ADMIN)
    @DisplayName("The Agent Platform service URL, when set, is host:port without http:// or https://")
    void serviceUrlHasNoScheme(GitLabConditions conditions, Verdict verdict) {
        verdict.require(conditions.agentPlatformUrl());
    }

}
