package dev.duoconformance.rules.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.aigw.AiGatewayCanProcessRequests;
import dev.duoconformance.rules.model.ModelAnswers;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

/** Section duo-health-check: GitLab's Duo health check passes; a 401 there is cross-checked with a real request. */
public final class DuoHealthCheck implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.HEALTH_CHECK, Sections.GITLAB_REQUESTS_MODEL,
            Sections.GITLAB_REACHES_AIGW, Sections.AIGW_URL, Sections.USER_CAN_REQUEST, Sections.TLS, Sections.AIGW_PROCESSES_REQUESTS,
            Sections.SELF_HOSTED_MODELS, Sections.BEDROCK_MODEL_ID, Sections.VLLM_404, Sections.MODEL_REACHABLE,
            Sections.AIGW_REQUESTS_MODEL);

    private final Rules rules;
    private final Environment environment;
    private final GitLabClient gitlab;
    private final GitLabUpstream upstream;

    public DuoHealthCheck(Rules rules, Environment environment, GitLabClient gitlab) {
        this.rules = rules;
        this.environment = environment;
        this.gitlab = gitlab;
        this.upstream = new GitLabUpstream(rules);
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    /** GitLab's Duo health check passes; a 401 from the AI gateway there is cross-checked with a real request. */
    public Condition healthCheck() {
        return rules.once(this, "healthCheck", () -> healthCheckNow());
    }

    private Condition healthCheckNow() {
        Optional<JsonNode> status = healthStatus(gitlab);
        if (status.isEmpty()) {
            return Condition.unknown(healthUnreadable(gitlab));
        }
        if (status.get().path("success").asBoolean(false)) {
            return Condition.holds();
        }
        String checked = "GraphQL cloudConnectorStatus (GitLab Duo health check)";
        String probes = describeProbes(status.get());
        List<JsonNode> failed = stream(status.get().path("probeResults")).filter(p -> !p.path("success").asBoolean(false)).toList();
        if (failed.stream().anyMatch(p -> p.path("message").asText().contains("401"))) {
            Condition realRequest = upstream.completion();
            if (realRequest.isBroken()) {
                return realRequest;
            }
            String crossCheck = realRequest instanceof Condition.Unknown unknown
                    ? "; a real Code Suggestions request could not be sent to cross-check (" + unknown.reason() + ")"
                    : "; yet a real Code Suggestions request through GitLab returned a suggestion";
            return broken(Sections.HEALTH_CHECK, "known-issue-401", checked, "success: true", probes + crossCheck);
        }
        for (JsonNode probe : failed) {
            Condition owner = switch (probe.path("name").asText()) {
                case "host_probe" -> upstream.hostProbe();
                case "ai_gateway_url_presence_probe" -> upstream.gatewayUrl();
                case "code_suggestions_license_probe" -> upstream.entitlement();
                default -> Condition.holds();
            };
            if (owner.isBroken()) {
                return owner;
            }
        }
        return rules.blame(this, failure(Sections.HEALTH_CHECK, "probe-failed", checked, "success: true", probes), upstream::gatewayUrl);
    }
}
