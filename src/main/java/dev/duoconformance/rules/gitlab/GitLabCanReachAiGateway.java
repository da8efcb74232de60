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
import dev.duoconformance.rules.RateLimits;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.aigw.AiGatewayCanProcessRequests;
import dev.duoconformance.rules.model.ModelAnswers;
import dev.duoconformance.upstream.HealthProbes;
import dev.duoconformance.rules.RateLimits;
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

    /**
     * The {@code host_probe} that names the AI gateway's host (every host check is a {@code host_probe}; a hybrid setup's
     * cloud probes say nothing about the gateway, see {@link HealthProbes}).
     */
    private Condition hostProbeNow() {
        Optional<Condition> gatewayDown = rules.firstBroken(this, upstream::gatewayServes);
        if (gatewayDown.isPresent()) {
            return gatewayDown.get(); // GitLab's probe would wait for it too (a HEAD with a 5 s timeout)
        }
        Optional<JsonNode> status = healthStatus(gitlab);
        if (status.isEmpty()) {
            return Condition.unknown(healthUnreadable(gitlab));
        }
        String url = gatewayUrlGitLabProbes(gitlab, environment);
        String host = hostOf(url);
        List<HealthProbes.Probe> gatewayProbes = HealthProbes.targeting(HealthProbes.of(status.get()), HealthProbes.Target.AI_GATEWAY_HOST, host, url);
        if (gatewayProbes.isEmpty()) {
            return rules.firstBroken(this, upstream::gatewayUrl, upstream::gatewayServes).orElseGet(() -> Condition.unknown("GitLab's health "
                    + "check ran no probe of the AI gateway's host " + host + ": " + describeProbes(status.get()) + " — GitLab runs the "
                    + "self-hosted probes only when its AI gateway URL is set (an older GitLab or license may run only the cloud probes)"));
        }
        if (gatewayProbes.stream().allMatch(HealthProbes.Probe::success)) {
            return Condition.holds();
        }
        return rules.blame(this, failure(Sections.GITLAB_REACHES_AIGW, "unreachable",
                "GraphQL cloudConnectorStatus (GitLab Duo health check)", "the host_probe of " + host + " succeeds: GitLab reaches the AI gateway's host",
                gatewayProbes.stream().map(HealthProbes.Probe::describe).collect(Collectors.joining("; "))), upstream::gatewayUrl, upstream::gatewayServes);
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
        gitlab.startCodeSuggestionsRequests(); // while the gateway's health check is awaited
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
        Optional<String> rateLimited = RateLimits.rateLimited(access, RateLimits.DIRECT_ACCESS);
        if (rateLimited.isPresent()) {
            return Condition.unknown(rateLimited.get());
        }
        if (DirectAccess.connectionsDisabled(access)) {
            return routeProvedByCompletion();
        }
        if (access.header(MONOLITH).isPresent()) {
            return upstream.refusedByGitLab(access);
        }
        return rules.blame(this, failure(Sections.GITLAB_REACHES_AIGW,
                "direct-access-failed", access.request(), "HTTP 201 {\"token\":…,\"headers\":…}", access.outcome()), upstream::gatewayUrl, upstream::gatewayServes, this::hostProbe);
    }

    /**
     * With indirect connections chosen, direct_access is refused by design; a Code Suggestions completion goes the same
     * way, GitLab → AI gateway, so it proves the route instead.
     */
    private Condition routeProvedByCompletion() {
        String disabled = "direct connections are disabled on this instance (indirect connections chosen)";
        Condition completion = upstream.completion();
        if (completion instanceof Condition.Unknown unknown) {
            return Condition.unknown(disabled + ", and the completion that would prove the route instead could not be judged: " + unknown.reason());
        }
        return completion.isBroken() ? completion : Condition.holdsBecause(disabled + ", so GitLab's reach to the AI gateway was proved by a "
                + "Code Suggestions completion through GitLab instead (" + gitlab.completion().request() + " → 200)");
    }
}
