package dev.duoconformance.rules.gitlab;

import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.RateLimits;
import java.util.Optional;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

/**
 * Section agent-platform-auth-token ("An error occurred while fetching an authentication token for this workflow"):
 * GitLab reaches the Agent Platform service over gRPC with the right transport security. {@code GET
 * /api/v4/ai/duo_workflows/list_tools} (read-only) makes GitLab call the service and answers its gRPC error as
 * {@code 400 {"message":"400 Bad request - <error>"}} (ee/lib/api/ai/duo_workflows/workflows.rb); GitLab speaks TLS
 * unless {@code DUO_AGENT_PLATFORM_SERVICE_SECURE} is false (config/initializers/1_settings.rb,
 * ee/lib/ai/duo_workflow/duo_workflow_service/client.rb).
 */
public final class AgentPlatformAuthToken implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.AGENT_PLATFORM_AUTH_TOKEN, Sections.AGENT_PLATFORM_URL,
            Sections.USER_CAN_REQUEST);

    private final Rules rules;
    private final GitLabClient gitlab;

    public AgentPlatformAuthToken(Rules rules, GitLabClient gitlab) {
        this.rules = rules;
        this.gitlab = gitlab;
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    public Condition agentPlatformAuthToken() {
        return rules.once(this, "agentPlatformAuthToken", this::agentPlatformAuthTokenNow);
    }

    private Condition agentPlatformAuthTokenNow() {
        Optional<String> unusable = unusable(gitlab, Identity.USER);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        if (gitlab.has(Identity.ADMIN)) {
            Condition url = rules.get(AgentPlatformServiceUrl.class).agentPlatformUrl();
            if (!(url instanceof Condition.Holds)) {
                return url;
            }
        }
        Exchange tools = gitlab.listTools();
        if (!tools.answered()) {
            return Condition.unknown("GitLab did not answer " + tools.request() + ": " + tools.outcome());
        }
        if (tools.status() == 200) {
            return Condition.holds();
        }
        Optional<String> rateLimited = RateLimits.rateLimited(tools, RateLimits.DUO_WORKFLOW);
        if (rateLimited.isPresent()) {
            return Condition.unknown(rateLimited.get());
        }
        String message = tools.json().map(j -> j.path("message").asText("")).orElse("");
        if (tools.status() != 400 || message.isBlank()) {
            return Condition.unknown(tools.request() + " answered " + tools.outcome() + ", which says nothing about GitLab's channel to the service");
        }
        String checked = tools.request() + " (GitLab → Agent Platform service over gRPC)";
        String expected = "HTTP 200 {\"tools\":…}";
        // A failed verification is also an "Ssl handshake failed (TSI_PROTOCOL_FAILURE)" in grpc core's words: asked first.
        if (message.matches("(?is).*(CERTIFICATE_VERIFY_FAILED|certificate verify failed|self.signed).*")) {
            return broken(Sections.AGENT_PLATFORM_AUTH_TOKEN, "certificate-not-trusted", checked, expected, tools.outcome());
        }
        if (message.matches("(?is).*(WRONG_VERSION_NUMBER|Ssl handshake failed|TSI_PROTOCOL_FAILURE).*")) {
            return broken(Sections.AGENT_PLATFORM_AUTH_TOKEN, "secure-without-tls", checked, expected, tools.outcome()
                    + ": GitLab speaks TLS (DUO_AGENT_PLATFORM_SERVICE_SECURE unset = true) to a service without TLS");
        }
        return broken(Sections.AGENT_PLATFORM_AUTH_TOKEN, "service-unreachable", checked, expected, tools.outcome());
    }
}
