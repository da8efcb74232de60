package dev.duoconformance.rules.gitlab;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import java.net.URI;
import java.util.Optional;

/** Section ai-gateway-url: duoSettings.aiGatewayUrl (17.9+) is the expected URL. */
public final class AiGatewayUrl {
    /** GitLab's AI gateway URL ({@code duoSettings.aiGatewayUrl}, 17.9+) is the environment's expected URL. */
    public static final Check<AiGatewayUrl> GATEWAY_URL = Check.of(
            "gatewayUrlIsTheExpectedOne",
            "GitLab's AI gateway URL (duoSettings.aiGatewayUrl) is ai_gateway.expected_url",
            Gate.gitlab("duoSettings", Identity.ADMIN).since("17.9"),
            AiGatewayUrl::gatewayUrl);

    public static final Declaration<AiGatewayUrl> SECTION = Declaration.of(Sections.AIGW_URL, AiGatewayUrl::new)
            .dependsOn(Sections.USER_CAN_REQUEST)
            .checks(GATEWAY_URL);

    private final Probes probes;
    private final Environment environment;
    private final GitLabClient gitlab;

    private AiGatewayUrl(Probes probes) {
        this.probes = probes;
        this.environment = probes.environment();
        this.gitlab = probes.gitlab();
    }

    private Condition gatewayUrl() {
        Optional<URI> expected = environment.aiGateway().map(Environment.AiGateway::expectedUrl);
        if (expected.isEmpty()) {
            return Condition.unknown(
                    "ai_gateway.expected_url is not set in the environment file, so there is nothing to compare with");
        }
        GraphQlAnswer answer = gitlab.gatewayUrl();
        if (!answer.answered()
                || answer.undefinedField().isPresent()
                || !answer.data().path("duoSettings").isObject()) {
            return Condition.unknown("duoSettings could not be read: " + answer.outcome());
        }
        JsonNode url = answer.data().path("duoSettings").path("aiGatewayUrl");
        String checked = "GraphQL duoSettings.aiGatewayUrl";
        if (url.isNull() || url.asText().isBlank()) {
            Condition entitlement = probes.outcome(UserCanRequestCodeSuggestions.ENTITLEMENT);
            // GitLab hides the setting (null) from callers without self-hosted model rights; that is not "unset".
            return entitlement.isBroken()
                    ? entitlement
                    : broken(Sections.AIGW_URL, "unset", checked, expected.get().toString(), "null (not set)");
        }
        // GitLab stores only http(s) URLs (ee/app/models/ai/setting.rb, validate_ai_gateway_url): any other value is
        // "wrong".
        String value = url.asText();
        if (!sameUrl(value, expected.get().toString())) {
            return broken(
                    Sections.AIGW_URL,
                    "wrong",
                    checked,
                    expected.get().toString() + " (ai_gateway.expected_url)",
                    value);
        }
        return Condition.holds();
    }
}
