package dev.duoconformance.rules.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import java.util.Optional;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

/** Section agent-platform-service-url: GitLab's Agent Platform service URL, when set, is {@code host:port} without a scheme (18.4+). */
public final class AgentPlatformServiceUrl implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.AGENT_PLATFORM_URL, Sections.USER_CAN_REQUEST);

    private final Rules rules;
    private final GitLabClient gitlab;
    private final GitLabUpstream upstream;

    public AgentPlatformServiceUrl(Rules rules, GitLabClient gitlab) {
        this.rules = rules;
        this.gitlab = gitlab;
        this.upstream = new GitLabUpstream(rules);
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    /** Set and without a scheme; unknown when unset (it is optional). */
    public Condition agentPlatformUrl() {
        return rules.once(this, "agentPlatformUrl", this::agentPlatformUrlNow);
    }

    private Condition agentPlatformUrlNow() {
        Optional<String> unusable = unusable(gitlab, Identity.ADMIN);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        GraphQlAnswer answer = gitlab.agentPlatformUrl();
        if (!answer.answered() || !answer.data().path("duoSettings").isObject()) {
            return Condition.unknown("duoSettings could not be read: " + answer.outcome());
        }
        JsonNode url = answer.data().path("duoSettings").path("duoAgentPlatformServiceUrl");
        if (url.isNull() || url.asText().isBlank()) {
            return rules.firstBroken(this, upstream::entitlement).orElseGet(() -> Condition.unknown("no Agent Platform service URL is "
                    + "configured in GitLab (it is optional: set it only to run the Agent Platform self-hosted)"));
        }
        if (url.asText().matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
            return broken(Sections.AGENT_PLATFORM_URL, "has-scheme", "GraphQL duoSettings.duoAgentPlatformServiceUrl",
                    "{host}:{port}, such as aigw.example.com:50052", url.asText());
        }
        return Condition.holds();
    }
}
