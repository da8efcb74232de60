package dev.duoconformance.rules.gitlab;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.behaviour.HealthProbes;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.aigw.AiGatewayCanProcessRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Section duo-health-check: GitLab's Duo health check passes; a 401 there is cross-checked with a real request. */
public final class DuoHealthCheck {
    /** GitLab's Duo health check passes; a 401 from the AI gateway there is cross-checked with a real request. */
    public static final Check<DuoHealthCheck> HEALTH_CHECK = Check.of(
            "healthCheckPasses",
            "GitLab's Duo health check (cloudConnectorStatus) passes, or fails only with the known 401 while real requests work",
            Gate.gitlab("cloudConnectorStatus", Identity.ADMIN).since("17.3"),
            DuoHealthCheck::healthCheck);

    public static final Declaration<DuoHealthCheck> SECTION = Declaration.of(Sections.HEALTH_CHECK, DuoHealthCheck::new)
            .dependsOn(
                    Sections.GITLAB_REQUESTS_MODEL,
                    Sections.GITLAB_REACHES_AIGW,
                    Sections.AIGW_URL,
                    Sections.USER_CAN_REQUEST,
                    Sections.AIGW_PROCESSES_REQUESTS,
                    Sections.SELF_HOSTED_MODELS,
                    Sections.AGENT_PLATFORM_AUTH_TOKEN)
            .checks(HEALTH_CHECK);

    private final Probes probes;
    private final Environment environment;
    private final GitLabClient gitlab;

    private DuoHealthCheck(Probes probes) {
        this.probes = probes;
        this.environment = probes.environment();
        this.gitlab = probes.gitlab();
    }

    private Condition healthCheck() {
        Optional<Condition> gatewayDown = probes.firstBroken(() -> probes.outcome(AiGatewayCanProcessRequests.SERVES));
        if (gatewayDown.isPresent()) {
            return gatewayDown.get();
        }
        Optional<JsonNode> status = healthStatus(gitlab);
        if (status.isEmpty()) {
            return Condition.unknown(healthUnreadable(gitlab));
        }
        if (status.get().path("success").asBoolean(false)) {
            return Condition.holds();
        }
        String checked = "GraphQL cloudConnectorStatus (GitLab Duo health check)";
        String described = describeProbes(status.get());
        List<JsonNode> failed = stream(status.get().path("probeResults"))
                .filter(p -> !p.path("success").asBoolean(false))
                .toList();
        if (failed.stream().anyMatch(p -> p.path("message").asText().contains("401"))) {
            Condition realRequest = probes.outcome(GitLabCanRequestModel.COMPLETION);
            if (realRequest.isBroken()) {
                return realRequest;
            }
            String crossCheck = realRequest instanceof Condition.Unknown unknown
                    ? "; a real Code Suggestions request could not be sent to cross-check (" + unknown.reason() + ")"
                    : "; yet a real Code Suggestions request through GitLab returned a suggestion";
            return broken(Sections.HEALTH_CHECK, "known-issue-401", checked, "success: true", described + crossCheck);
        }
        // Each failed probe is judged by what it probes (probes/registry.rb): the gateway's host, its URL, the license
        // as
        // the querying administrator sees it, the Agent Platform (self-hosted or GitLab's), a hybrid setup's cloud
        // hosts, and
        // the families of later releases: the foundational flows' settings and runner, and usage billing.
        String url = gatewayUrlGitLabProbes(gitlab, environment);
        List<HealthProbes.Probe> cloudFailures = new ArrayList<>();
        List<HealthProbes.Probe> cloudAgentPlatform = new ArrayList<>();
        List<HealthProbes.Probe> flowSettings = new ArrayList<>();
        List<HealthProbes.Probe> runner = new ArrayList<>();
        List<HealthProbes.Probe> billing = new ArrayList<>();
        List<HealthProbes.Probe> unexplained = new ArrayList<>();
        boolean adminWithoutSeat = false;
        for (JsonNode node : failed) {
            HealthProbes.Probe probe = HealthProbes.Probe.of(node);
            HealthProbes.Target target = HealthProbes.target(probe, hostOf(url), url);
            Condition owner = switch (target) {
                case AI_GATEWAY_HOST -> probes.outcome(GitLabCanReachAiGateway.HOST_PROBE);
                case AI_GATEWAY_URL -> probes.outcome(AiGatewayUrl.GATEWAY_URL);
                case CODE_SUGGESTIONS_LICENSE ->
                    HealthProbes.judgesTheCallerWithoutSeat(probe)
                            ? probes.firstBroken(
                                            () -> probes.outcome(UserCanRequestCodeSuggestions.ENTITLEMENT),
                                            () -> probes.outcome(UserCanRequestCodeSuggestions.USER_ACCESS))
                                    .orElseGet(Condition::holds)
                            : probes.outcome(UserCanRequestCodeSuggestions.ENTITLEMENT);
                case AGENT_PLATFORM -> probes.outcome(AgentPlatformAuthToken.AGENT_PLATFORM_AUTH_TOKEN);
                case CLOUD ->
                    probes.firstBroken(
                                    () -> probes.outcome(AiGatewayUrl.GATEWAY_URL),
                                    () -> probes.outcome(InstanceUsesSelfHostedModels.SELF_HOSTED_CONFIGURATION))
                            .orElseGet(Condition::holds);
                // Up to 18.9 a variable set for a self-hosted service without TLS also turns off TLS to GitLab's own
                // service.
                case AGENT_PLATFORM_CLOUD ->
                    Optional.of(probes.outcome(AgentPlatformAuthToken.AGENT_PLATFORM_AUTH_TOKEN))
                            .filter(c -> c instanceof Condition.Broken b
                                    && b.failure().cause().equals("known-issue-590454"))
                            .orElseGet(Condition::holds);
                default -> Condition.holds();
            };
            if (owner.isBroken()) {
                return owner;
            }
            adminWithoutSeat |= HealthProbes.judgesTheCallerWithoutSeat(probe);
            switch (target) {
                case CLOUD -> cloudFailures.add(probe);
                case AGENT_PLATFORM_CLOUD -> cloudAgentPlatform.add(probe);
                case FLOW_SETTINGS -> flowSettings.add(probe);
                case COMPATIBLE_RUNNER -> runner.add(probe);
                case USAGE_BILLING -> billing.add(probe);
                case CODE_SUGGESTIONS_LICENSE -> {
                    if (!HealthProbes.judgesTheCallerWithoutSeat(probe)) {
                        unexplained.add(probe);
                    }
                }
                default -> unexplained.add(probe);
            }
        }
        Optional<Condition> urlBroken = probes.firstBroken(() -> probes.outcome(AiGatewayUrl.GATEWAY_URL));
        if (urlBroken.isPresent()) {
            return urlBroken.get();
        }
        if (!cloudFailures.isEmpty()) {
            return broken(
                    Sections.HEALTH_CHECK,
                    "cloud-probe-failed",
                    checked,
                    "the hosts GitLab's vendored features need " + "(customers.gitlab.com, cloud.gitlab.com) reachable",
                    describe(cloudFailures)
                            + "; GitLab runs these cloud probes because a feature uses a GitLab AI vendor model (hybrid)");
        }
        List<String> informational = new ArrayList<>();
        Optional<String> vendoredAgents = vendoredAgentPlatformFeatures();
        if (!cloudAgentPlatform.isEmpty()) {
            if (vendoredAgents.map(v -> !v.isEmpty()).orElse(true)) {
                return broken(
                        Sections.HEALTH_CHECK,
                        "cloud-agent-platform-unreachable",
                        checked,
                        "GitLab's Agent Platform service reachable, as "
                                + vendoredAgents
                                        .map(v -> v + " use")
                                        .orElse("Agent Platform features on a GitLab AI vendor model would use")
                                + " it",
                        describe(cloudAgentPlatform));
            }
            informational.add(
                    describe(cloudAgentPlatform)
                            + ": GitLab probes its own Agent Platform service whenever the license is not "
                            + "an offline cloud license, and no Agent Platform feature uses a GitLab AI vendor model here, so nothing needs it");
        }
        if (!runner.isEmpty() && flowSettings.isEmpty()) {
            return broken(
                    Sections.HEALTH_CHECK,
                    "no-compatible-runner",
                    checked,
                    "an active instance runner with the foundational flows' tag "
                            + "and a Docker-compatible executor, as flows are allowed",
                    describe(runner));
        }
        if (!flowSettings.isEmpty()) {
            informational.add(
                    describe(flowSettings) + (runner.isEmpty() ? "" : "; " + describe(runner))
                            + ": flow execution or foundational flows are turned off in `Admin > GitLab Duo`, a choice; turn them on to use flows");
        }
        if (!billing.isEmpty()) {
            return broken(
                    Sections.HEALTH_CHECK,
                    "usage-billing-unreachable",
                    checked,
                    "the cloud hosts of self-hosted usage billing reachable",
                    describe(billing));
        }
        if (!unexplained.isEmpty() || failed.isEmpty()) {
            return broken(Sections.HEALTH_CHECK, "probe-failed", checked, "success: true", described);
        }
        if (adminWithoutSeat) {
            String admin = gitlab.adminUsername().map(u -> "'" + u + "' ").orElse("");
            return Condition.unknown(
                    "the health check's license probe judges the user who runs it — the administrator " + admin
                            + "of gitlab.admin_token, who holds no GitLab Duo seat; every other probe passed"
                            + (informational.isEmpty()
                                    ? ""
                                    : " or is informational (" + String.join("; ", informational) + ")")
                            + ", and the Duo user's own access is checked by "
                            + "user-can-request-code-suggestions. Assign the administrator a seat to see the health check pass.");
        }
        return Condition.holdsBecause(
                "informational, not a fault of the deployment: " + String.join("; ", informational));
    }

    private static String describe(List<HealthProbes.Probe> probes) {
        return probes.stream().map(HealthProbes.Probe::describe).collect(Collectors.joining("; "));
    }

    /**
     * The Agent Platform features set to a GitLab AI vendor model ({@code aiFeatureSettings}), comma-separated (empty:
     * none); empty when the settings cannot be read.
     */
    private Optional<String> vendoredAgentPlatformFeatures() {
        JsonNode nodes =
                gitlab.featureSettings().data().path("aiFeatureSettings").path("nodes");
        if (!nodes.isArray()) {
            return Optional.empty();
        }
        return Optional.of(stream(nodes)
                .filter(n -> n.path("feature").asText().startsWith("duo_agent_platform")
                        && "vendored".equals(n.path("provider").asText()))
                .map(n -> n.path("feature").asText())
                .collect(Collectors.joining(", ")));
    }
}
