package dev.duoconformance.behaviour;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The probes of GitLab's Duo health check ({@code cloudConnectorStatus.probeResults}), told apart by what they probe.
 * Every host check is named {@code host_probe} (ee/app/services/cloud_connector/status_checks/probes/base_probe.rb:
 * the class name, underscored), so the AI gateway's probe is the one whose message names the gateway's host
 * ({@code probes/host_probe.rb}: "{@code <host> reachable.}", "{@code <host> connection failed: …}",
 * "{@code <url> is not a valid URL.}"); the others check {@code customers.gitlab.com} and {@code cloud.gitlab.com},
 * which GitLab runs when a feature uses a GitLab AI vendor model ({@code probes/registry.rb}, {@code self_hosted_probes}).
 * Releases after 18.9 add three families (the same registry.rb, later revisions): the foundational flows probes
 * ({@code probes/foundational_flows/}: two settings and a compatible runner), the usage billing probes
 * ({@code probes/self_hosted/billing_*_probe.rb}, when self-hosted Agent Platform billing is on), and a cloud-connected
 * {@code duo_agent_platform_probe} beside the self-hosted one: both are {@code DuoAgentPlatformProbe}, told apart by
 * their message ({@code probes/duo_agent_platform_probe.rb}: "The self-hosted …"/"The cloud-connected … service at
 * {@code <host>}"; older releases name only the host, which is GitLab's cloud service for a vendored feature).
 */
public final class HealthProbes {
    /** What a probe checks. */
    public enum Target {
        /** {@code host_probe} of the self-hosted AI gateway URL. */
        AI_GATEWAY_HOST,
        /** {@code ai_gateway_url_presence_probe}. */
        AI_GATEWAY_URL,
        /** {@code code_suggestions_license_probe}: judges the user who runs the health check. */
        CODE_SUGGESTIONS_LICENSE,
        /** The self-hosted {@code duo_agent_platform_probe}: GitLab's gRPC channel to its own Agent Platform service. */
        AGENT_PLATFORM,
        /** The cloud-connected {@code duo_agent_platform_probe}: GitLab's channel to GitLab's Agent Platform service. */
        AGENT_PLATFORM_CLOUD,
        /** {@code allow_flow_execution_probe}, {@code allow_foundational_flows_probe}: two admin settings, a choice. */
        FLOW_SETTINGS,
        /** {@code compatible_runner_probe}: an instance runner with the flows' tag and a Docker-compatible executor. */
        COMPATIBLE_RUNNER,
        /** {@code billing_customers_dot_probe}, {@code billing_cloud_ai_gateway_probe}, {@code billing_duo_workflow_service_probe}. */
        USAGE_BILLING,
        /** A cloud host probe or cloud licensing probe of a hybrid setup ({@code license_probe}, {@code access_probe}, …). */
        CLOUD,
        OTHER
    }

    /** One probe result. */
    public record Probe(String name, boolean success, String message, List<String> errors) {
        public static Probe of(JsonNode node) {
            List<String> errors = new ArrayList<>();
            node.path("errors").forEach(e -> errors.add(e.asText()));
            return new Probe(
                    node.path("name").asText(),
                    node.path("success").asBoolean(false),
                    node.path("message").asText(""),
                    errors);
        }

        public String describe() {
            return name + " " + (success ? "✔" : "✗") + " \""
                    + message.replaceAll("\\s+", " ").strip() + "\"";
        }
    }

    private static final List<String> CLOUD_PROBES =
            List.of("license_probe", "access_probe", "token_probe", "end_to_end_probe");
    private static final List<String> FLOW_SETTING_PROBES =
            List.of("allow_flow_execution_probe", "allow_foundational_flows_probe");
    private static final List<String> BILLING_PROBES = List.of(
            "billing_customers_dot_probe", "billing_cloud_ai_gateway_probe", "billing_duo_workflow_service_probe");
    /** GitLab's own Agent Platform service: duo-workflow-svc(.staging).runway.gitlab.net, or cloud.gitlab.com (Client.cloud_connected_url). */
    private static final java.util.regex.Pattern CLOUD_AGENT_PLATFORM = java.util.regex.Pattern.compile(
            "(?i).*(cloud-connected|runway\\.gitlab\\.net|cloud\\.(staging\\.)?gitlab\\.com).*",
            java.util.regex.Pattern.DOTALL);

    private HealthProbes() {}

    public static List<Probe> of(JsonNode status) {
        List<Probe> probes = new ArrayList<>();
        status.path("probeResults").forEach(p -> probes.add(Probe.of(p)));
        return probes;
    }

    /**
     * What a probe targets, given the host (and URL) of GitLab's AI gateway. IPv6 hosts are matched with and without
     * brackets, as Ruby's {@code URI#host} may give either.
     */
    public static Target target(Probe probe, String gatewayHost, String gatewayUrl) {
        return switch (probe.name()) {
            case "host_probe" ->
                namesGateway(probe.message(), gatewayHost, gatewayUrl) ? Target.AI_GATEWAY_HOST : Target.CLOUD;
            case "ai_gateway_url_presence_probe" -> Target.AI_GATEWAY_URL;
            case "code_suggestions_license_probe" -> Target.CODE_SUGGESTIONS_LICENSE;
            case "duo_agent_platform_probe" ->
                CLOUD_AGENT_PLATFORM.matcher(probe.message()).matches()
                                && !probe.message().contains("self-hosted")
                        ? Target.AGENT_PLATFORM_CLOUD
                        : Target.AGENT_PLATFORM;
            case "compatible_runner_probe" -> Target.COMPATIBLE_RUNNER;
            default ->
                CLOUD_PROBES.contains(probe.name())
                        ? Target.CLOUD
                        : FLOW_SETTING_PROBES.contains(probe.name())
                                ? Target.FLOW_SETTINGS
                                : BILLING_PROBES.contains(probe.name()) ? Target.USAGE_BILLING : Target.OTHER;
        };
    }

    public static List<Probe> targeting(List<Probe> probes, Target target, String gatewayHost, String gatewayUrl) {
        return probes.stream()
                .filter(p -> target(p, gatewayHost, gatewayUrl) == target)
                .toList();
    }

    private static boolean namesGateway(String message, String host, String url) {
        String lower = message.toLowerCase(Locale.ROOT);
        String bare = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        return lower.startsWith(bare + " ")
                || lower.startsWith("[" + bare + "] ")
                || !url.isBlank() && lower.contains(url.toLowerCase(Locale.ROOT).replaceAll("/+$", ""));
    }

    /**
     * The self-hosted {@code duo_agent_platform_probe} says it failed on a TLS mismatch: "It fails with a TLS mismatch
     * error. … turn off TLS connection to the GitLab Duo Agent Platform service" (probes/duo_agent_platform_probe.rb,
     * {@code failure_message}, written only when GitLab spoke TLS to the self-hosted service).
     */
    public static boolean tlsMismatch(Probe probe) {
        return !probe.success() && probe.message().contains("TLS mismatch");
    }

    /**
     * {@code code_suggestions_license_probe} failed only because the administrator who ran the health check holds no
     * seat: "License includes access to Code Suggestions, but you lack the necessary permissions to use this feature."
     * (probes/self_hosted/code_suggestions_license_probe.rb); "License does not provide access" is the license itself.
     */
    public static boolean judgesTheCallerWithoutSeat(Probe probe) {
        return "code_suggestions_license_probe".equals(probe.name())
                && !probe.success()
                && probe.message().contains("you lack the necessary permissions");
    }
}
