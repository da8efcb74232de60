package dev.duoconformance.rules.gitlab;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.behaviour.HealthProbes;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Evidence;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.RateLimits;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.aigw.AiGatewayCanProcessRequests;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Section gitlab-can-reach-ai-gateway: the health check's host_probe, and direct_access returns 201. */
public final class GitLabCanReachAiGateway {
    /** GitLab's health check reaches the AI gateway's host (its {@code host_probe}). */
    public static final Check<GitLabCanReachAiGateway> HOST_PROBE = Check.of(
                    "healthCheckReachesTheGatewayHost",
                    "GitLab's health check reaches the AI gateway's host (host_probe)",
                    Gate.gitlab("cloudConnectorStatus", Identity.ADMIN).since("17.3"),
                    GitLabCanReachAiGateway::hostProbe)
            .showing(GitLabCanReachAiGateway::probesOfTheHealthCheck);
    /** {@code direct_access} returns 201: GitLab → AI gateway → GitLab's JWKS works both ways. */
    public static final Check<GitLabCanReachAiGateway> DIRECT_ACCESS = Check.of(
            "directAccessTokenIsGranted",
            "POST /api/v4/code_suggestions/direct_access returns 201: GitLab → AI gateway → GitLab's JWKS",
            Gate.gitlab("POST /api/v4/code_suggestions/direct_access", Identity.USER),
            GitLabCanReachAiGateway::directAccess);

    public static final Declaration<GitLabCanReachAiGateway> SECTION = Declaration.of(
                    Sections.GITLAB_REACHES_AIGW, GitLabCanReachAiGateway::new)
            .dependsOn(Sections.AIGW_URL, Sections.AIGW_PROCESSES_REQUESTS, Sections.GITLAB_REQUESTS_MODEL)
            .checks(HOST_PROBE, DIRECT_ACCESS);

    private final Probes probes;
    private final Environment environment;
    private final GitLabClient gitlab;

    private GitLabCanReachAiGateway(Probes probes) {
        this.probes = probes;
        this.environment = probes.environment();
        this.gitlab = probes.gitlab();
    }

    /** Each health check probe's name, result and message, beside the result (a gateway known down is not probed again). */
    private void probesOfTheHealthCheck(Evidence evidence) {
        if (probes.outcome(AiGatewayCanProcessRequests.SERVES).isBroken()) {
            return;
        }
        JsonNode status = gitlab.healthCheck().data().path("cloudConnectorStatus");
        if (status.isObject()) {
            evidence.attach(
                    "GitLab Duo health check probes", describeProbes(status).replace("; ", "\n"));
        }
    }

    /**
     * The {@code host_probe} that names the AI gateway's host (every host check is a {@code host_probe}; a hybrid setup's
     * cloud probes say nothing about the gateway, see {@link HealthProbes}).
     */
    private Condition hostProbe() {
        Optional<Condition> gatewayDown = probes.firstBroken(() -> probes.outcome(AiGatewayCanProcessRequests.SERVES));
        if (gatewayDown.isPresent()) {
            return gatewayDown.get(); // GitLab's probe would wait for it too (a HEAD with a 5 s timeout)
        }
        Optional<JsonNode> status = healthStatus(gitlab);
        if (status.isEmpty()) {
            return Condition.unknown(healthUnreadable(gitlab));
        }
        String url = gatewayUrlGitLabProbes(gitlab, environment);
        String host = hostOf(url);
        List<HealthProbes.Probe> gatewayProbes =
                HealthProbes.targeting(HealthProbes.of(status.get()), HealthProbes.Target.AI_GATEWAY_HOST, host, url);
        if (gatewayProbes.isEmpty()) {
            return probes.firstBroken(
                            () -> probes.outcome(AiGatewayUrl.GATEWAY_URL),
                            () -> probes.outcome(AiGatewayCanProcessRequests.SERVES))
                    .orElseGet(
                            () -> Condition.unknown(
                                    "GitLab's health "
                                            + "check ran no probe of the AI gateway's host " + host + ": "
                                            + describeProbes(status.get()) + " — GitLab runs the "
                                            + "self-hosted probes only when its AI gateway URL is set (an older GitLab or license may run only the cloud probes)"));
        }
        if (gatewayProbes.stream().allMatch(HealthProbes.Probe::success)) {
            return Condition.holds();
        }
        return probes.blame(
                failure(
                        Sections.GITLAB_REACHES_AIGW,
                        "unreachable",
                        "GraphQL cloudConnectorStatus (GitLab Duo health check)",
                        "the host_probe of " + host + " succeeds: GitLab reaches the AI gateway's host",
                        gatewayProbes.stream().map(HealthProbes.Probe::describe).collect(Collectors.joining("; "))),
                () -> probes.outcome(AiGatewayUrl.GATEWAY_URL),
                () -> probes.outcome(AiGatewayCanProcessRequests.SERVES));
    }

    private Condition directAccess() {
        gitlab.startCodeSuggestionsRequests(); // while the gateway's health check is awaited
        Optional<Condition> gatewayDown = probes.firstBroken(() -> probes.outcome(AiGatewayCanProcessRequests.SERVES));
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
            return probes.of(GitLabCanRequestModel.SECTION).refusedByGitLab(access);
        }
        return probes.blame(
                failure(
                        Sections.GITLAB_REACHES_AIGW,
                        "direct-access-failed",
                        access.request(),
                        "HTTP 201 {\"token\":…,\"headers\":…}",
                        access.outcome()),
                () -> probes.outcome(AiGatewayUrl.GATEWAY_URL),
                () -> probes.outcome(AiGatewayCanProcessRequests.SERVES),
                () -> probes.outcome(HOST_PROBE));
    }

    /**
     * With indirect connections chosen, direct_access is refused by design; a Code Suggestions completion goes the same
     * way, GitLab → AI gateway, so it proves the route instead.
     */
    private Condition routeProvedByCompletion() {
        String disabled = "direct connections are disabled on this instance (indirect connections chosen)";
        Condition completion = probes.outcome(GitLabCanRequestModel.COMPLETION);
        if (completion instanceof Condition.Unknown unknown) {
            return Condition.unknown(
                    disabled + ", and the completion that would prove the route instead could not be judged: "
                            + unknown.reason());
        }
        return completion.isBroken()
                ? completion
                : Condition.holdsBecause(disabled + ", so GitLab's reach to the AI gateway was proved by a "
                        + "Code Suggestions completion through GitLab instead ("
                        + gitlab.completion().request() + " → 200)");
    }
}
