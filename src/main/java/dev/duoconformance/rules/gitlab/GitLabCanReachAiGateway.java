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
import dev.duoconformance.rules.RateLimit;
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

/** Section gitlab-can-reach-ai-gateway: the health check's host_probe, and direct_access returns 201. */
public final class GitLabCanReachAiGateway implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.GITLAB_REACHES_AIGW, Sections.AIGW_URL, Sections.TLS,
            Sections.AIGW_PROCESSES_REQUESTS, Sections.GITLAB_REQUESTS_MODEL, Sections.SELF_HOSTED_MODELS, Sections.USER_CAN_REQUEST);

    private final Rules rules;
    private final Environment environment;
    private final GitLabClient gitlab;
    private final GitLabUpstream upstream;

    public GitLabCanReachAiGateway(Rules rules, Environment environment, GitLabClient gitlab) {
        this.rules = rules;
        this.environment = environment;
        this.gitlab = gitlab;
        this.upstream = new GitLabUpstream(rules);
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    /** GitLab's health check reaches the AI gateway's host (its {@code host_probe}). */
    public Condition hostProbe() {
        return rules.once(this, "hostProbe", () -> hostProbeNow());
    }

    private Condition hostProbeNow() {
        Optional<JsonNode> status = healthStatus(gitlab);
        if (status.isEmpty()) {
            return Condition.unknown(healthUnreadable(gitlab));
        }
        List<JsonNode> hostProbes = stream(status.get().path("probeResults")).filter(p -> "host_probe".equals(p.path("name").asText())).toList();
        if (hostProbes.isEmpty()) {
            return Condition.unknown("GitLab's health check ran no host_probe: " + describeProbes(status.get()));
        }
        if (hostProbes.stream().allMatch(p -> p.path("success").asBoolean(false))) {
            return Condition.holds();
        }
        return rules.blame(this, failure(Sections.GITLAB_REACHES_AIGW, "unreachable",
                "GraphQL cloudConnectorStatus (GitLab Duo health check)", "host_probe succeeds: GitLab reaches the AI gateway's host",
                describeProbes(status.get())), upstream::gatewayUrl, upstream::gatewayServes);
    }

    /** {@code direct_access} returns 201: GitLab → AI gateway → GitLab's JWKS works both ways. */
    public Condition directAccess() {
        return rules.once(this, "directAccess", () -> directAccessNow());
    }

    private Condition directAccessNow() {
        Optional<String> unusable = unusable(gitlab, Identity.USER);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        Optional<Condition> gatewayDown = rules.firstBroken(this, upstream::gatewayServes);
        if (gatewayDown.isPresent()) {
            return gatewayDown.get();
        }
        Exchange access = gitlab.directAccess();
        if (!access.answered()) {
            return Condition.unknown("GitLab did not answer " + access.request() + ": " + access.outcome());
        }
        if (access.status() == 201) {
            return Condition.holds();
        }
        if (RateLimit.limited(access)) {
            return Condition.unknown(RateLimit.reason(access));
        }
        if (access.header(MONOLITH).isPresent()) {
            return upstream.refusedByGitLab(access);
        }
        return rules.blame(this, failure(Sections.GITLAB_REACHES_AIGW,
                "direct-access-failed", access.request(), "HTTP 201 {\"token\":…,\"headers\":…}", access.outcome()), upstream::gatewayUrl, upstream::gatewayServes, this::hostProbe);
    }
}
