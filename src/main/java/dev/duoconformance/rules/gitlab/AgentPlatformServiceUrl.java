package dev.duoconformance.rules.gitlab;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;

/** Section agent-platform-service-url: GitLab's Agent Platform service URL, when set, is {@code host:port} without a scheme (18.4+). */
public final class AgentPlatformServiceUrl {
    /** Set and without a scheme; unknown when unset (it is optional). */
    public static final Check<AgentPlatformServiceUrl> AGENT_PLATFORM_URL = Check.of(
            "serviceUrlHasNoScheme",
            "The Agent Platform service URL, when set, is host:port without http:// or https://",
            Gate.gitlab("duoSettings.duoAgentPlatformServiceUrl", Identity.ADMIN)
                    .since("18.4"),
            AgentPlatformServiceUrl::agentPlatformUrl);

    public static final Declaration<AgentPlatformServiceUrl> SECTION = Declaration.of(
                    Sections.AGENT_PLATFORM_URL, AgentPlatformServiceUrl::new)
            .dependsOn(Sections.USER_CAN_REQUEST)
            .checks(AGENT_PLATFORM_URL);

    private final Probes probes;
    private final GitLabClient gitlab;

    private AgentPlatformServiceUrl(Probes probes) {
        this.probes = probes;
        this.gitlab = probes.gitlab();
    }

    private Condition agentPlatformUrl() {
        GraphQlAnswer answer = gitlab.agentPlatformUrl();
        if (!answer.answered() || !answer.data().path("duoSettings").isObject()) {
            return Condition.unknown("duoSettings could not be read: " + answer.outcome());
        }
        JsonNode url = answer.data().path("duoSettings").path("duoAgentPlatformServiceUrl");
        if (url.isNull() || url.asText().isBlank()) {
            return probes.firstBroken(() -> probes.outcome(UserCanRequestCodeSuggestions.ENTITLEMENT))
                    .orElseGet(
                            () -> Condition.unknown(
                                    "no Agent Platform service URL is "
                                            + "configured in GitLab (it is optional: set it only to run the Agent Platform self-hosted)"));
        }
        if (url.asText().matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
            return broken(
                    Sections.AGENT_PLATFORM_URL,
                    "has-scheme",
                    "GraphQL duoSettings.duoAgentPlatformServiceUrl",
                    "{host}:{port}, such as aigw.example.com:50052",
                    url.asText());
        }
        return Condition.holds();
    }
}
