package dev.duoconformance.checks.gitlab;

import static dev.duoconformance.http.GitLabClient.Identity.USER;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.AgentPlatformAuthToken;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("agent-platform-auth-token")
@Tag("gitlab")
@Tag("agent-platform-auth-token")
class AgentPlatformAuthTokenCheck {

    @Test
    @GitLabApi(value = "GET /api/v4/ai/duo_workflows/list_tools", since = "18.4", needs = USER)
    @DisplayName("GitLab reaches the Agent Platform service over gRPC with matching transport security (GET /api/v4/ai/duo_workflows/list_tools)")
    void gitLabReachesTheAgentPlatformService(Rules rules, Verdict verdict) {
        verdict.require(rules.get(AgentPlatformAuthToken.class).agentPlatformAuthToken());
    }
}
