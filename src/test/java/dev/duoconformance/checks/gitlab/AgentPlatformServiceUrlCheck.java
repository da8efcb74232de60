package dev.duoconformance.checks.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.UserCanRequestCodeSuggestions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;

@DocSection("agent-platform-service-url")
@Tag("gitlab")
@Tag("agent-platform-service-url")
@DisplayName("Validate the GitLab Duo Agent Platform service URL")
class AgentPlatformServiceUrlCheck {

    @Test
    @GitLabApi(value = "duoSettings.duoAgentPlatformServiceUrl", since = "18.4", needs = ADMIN)
    @DisplayName("The Agent Platform service URL, when set, is host:port without http:// or https://")
    void serviceUrlHasNoScheme(GitLabClient gitlab, Rules rules, Verdict verdict) {
        GraphQlAnswer answer = gitlab.agentPlatformUrl();
        if (!answer.answered() || !answer.data().path("duoSettings").isObject()) {
            throw verdict.notChecked("duoSettings could not be read: " + answer.outcome());
        }
        JsonNode url = answer.data().path("duoSettings").path("duoAgentPlatformServiceUrl");
        if (url.isNull() || url.asText().isBlank()) {
            verdict.blockIf(rules.get(UserCanRequestCodeSuggestions.class).entitlement());
            throw verdict.notChecked("no Agent Platform service URL is configured in GitLab (it is optional: set it only to run the Agent Platform self-hosted)");
        }
        if (url.asText().matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
            throw verdict.failed("has-scheme", "GraphQL duoSettings.duoAgentPlatformServiceUrl", "{host}:{port}, such as aigw.example.com:50052",
                    url.asText());
        }
    }
}
