package dev.duoconformance.rules.gitlab;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.behaviour.HealthProbes;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.http.TlsInspector;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.RateLimits;
import dev.duoconformance.rules.Sections;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Section agent-platform-auth-token ("An error occurred while fetching an authentication token for this workflow"):
 * GitLab reaches the Agent Platform service over gRPC with the right transport security. {@code GET
 * /api/v4/ai/duo_workflows/list_tools} (read-only) makes GitLab call the service and answers its gRPC error as
 * {@code 400 {"message":"400 Bad request - <status>:<error>"}} (ee/lib/api/ai/duo_workflows/workflows.rb,
 * ee/lib/ai/duo_workflow/duo_workflow_service/client.rb {@code list_tools}: the error's message, which starts with the
 * numeric gRPC status).
 * <p>
 * Up to 18.9 GitLab speaks TLS to every Agent Platform service unless {@code DUO_AGENT_PLATFORM_SERVICE_SECURE} is false
 * (config/initializers/1_settings.rb, ee/lib/gitlab/duo_workflow/client.rb {@code secure?}: one global flag). From 18.10
 * the self-hosted service's TLS is the admin setting {@code selfHostedDuoAgentPlatformServiceSecure} (the checkbox "Use
 * TLS for the GitLab Duo Agent Platform service"), which flows and the health check's self-hosted
 * {@code duo_agent_platform_probe} follow, while {@code list_tools} still calls {@code secure?(feature_setting: nil)},
 * the variable (migration AddSelfHostedDuoAgentPlatformServiceSecureToAiSettings, milestone 18.10): from 18.10 the
 * channel is judged by the probe, and {@code list_tools} only where the health check cannot be read.
 */
public final class AgentPlatformAuthToken {
    public static final Check<AgentPlatformAuthToken> AGENT_PLATFORM_AUTH_TOKEN = Check.of(
            "gitLabReachesTheAgentPlatformService",
            "GitLab reaches the Agent Platform service over gRPC with matching transport security (GET /api/v4/ai/duo_workflows/list_tools)",
            Gate.gitlab("GET /api/v4/ai/duo_workflows/list_tools", Identity.USER)
                    .since("18.4"),
            AgentPlatformAuthToken::agentPlatformAuthToken);
    public static final Declaration<AgentPlatformAuthToken> SECTION = Declaration.of(
                    Sections.AGENT_PLATFORM_AUTH_TOKEN, AgentPlatformAuthToken::new)
            .dependsOn(Sections.AGENT_PLATFORM_URL)
            .checks(AGENT_PLATFORM_AUTH_TOKEN);
    /** The release of the TLS setting (ai_settings.self_hosted_duo_agent_platform_service_secure). */
    static final GitLabVersion TLS_SETTING = GitLabVersion.of("18.10");
    /** Agentic Chat and the other agents and flows: the two features the known issue splits (gitlab-org/gitlab#590454). */
    private static final String AGENTS = "duo_agent_platform";

    private static final String AGENTIC_CHAT = "duo_agent_platform_agentic_chat";
    private static final Pattern GRPC_STATUS = Pattern.compile("^(?:400 Bad request - )?(\\d+):.*", Pattern.DOTALL);
    private static final String EXPECTED = "HTTP 200 {\"tools\":…}";

    private final Probes probes;
    private final GitLabClient gitlab;
    private final TlsInspector tls;

    private AgentPlatformAuthToken(Probes probes) {
        this.probes = probes;
        this.gitlab = probes.gitlab();
        this.tls = probes.tls();
    }

    private Condition agentPlatformAuthToken() {
        if (gitlab.has(Identity.ADMIN)) {
            Condition url = probes.outcome(AgentPlatformServiceUrl.AGENT_PLATFORM_URL);
            if (!(url instanceof Condition.Holds)) {
                return url;
            }
        }
        Exchange tools = gitlab.listTools();
        if (!tools.answered()) {
            return Condition.unknown("GitLab did not answer " + tools.request() + ": " + tools.outcome());
        }
        Optional<String> rateLimited = RateLimits.rateLimited(tools, RateLimits.DUO_WORKFLOW);
        if (rateLimited.isPresent()) {
            return Condition.unknown(rateLimited.get());
        }
        boolean settingDecides =
                gitlab.instanceVersion().map(v -> v.isAtLeast(TLS_SETTING)).orElse(false);
        if (settingDecides) {
            Optional<HealthProbes.Probe> probe = selfHostedProbe();
            if (probe.isPresent()) {
                return judgedByTheProbe(probe.get(), tools);
            }
        }
        if (tools.status() == 200) {
            return settingDecides ? Condition.holds() : splitBackends();
        }
        String message = tools.json().map(j -> j.path("message").asText("")).orElse("");
        if (tools.status() != 400 || message.isBlank()) {
            return Condition.unknown(tools.request() + " answered " + tools.outcome()
                    + ", which says nothing about GitLab's channel to the service");
        }
        Condition channel = channel(message, tools, settingDecides, "");
        if (settingDecides
                && isCause(channel, "secure-without-tls-setting")
                && setting().filter(secure -> !secure).isPresent()) {
            return Condition.unknown(
                    tools.request() + " answered " + tools.outcome() + ": list_tools speaks TLS because "
                            + "DUO_AGENT_PLATFORM_SERVICE_SECURE is unset, while `Use TLS for the GitLab Duo Agent Platform service` is off, which flows "
                            + "follow on GitLab 18.10+; the health check's self-hosted duo_agent_platform_probe, which follows the checkbox, could not be "
                            + "read to judge the channel (" + healthUnreadable(gitlab) + ")");
        }
        return channel;
    }

    /** From 18.10: the health check's self-hosted probe, which follows the setting as flows do, judges the channel. */
    private Condition judgedByTheProbe(HealthProbes.Probe probe, Exchange tools) {
        String listTools = tools.request() + " answered " + tools.outcome();
        if (probe.success()) {
            if (tools.status() == 200) {
                return Condition.holds();
            }
            return Condition.holdsBecause(
                    "the health check's self-hosted duo_agent_platform_probe, which follows `Use TLS for the GitLab "
                            + "Duo Agent Platform service` ("
                            + setting().map(s -> s ? "on" : "off").orElse("unread") + ") as flows do, reaches the "
                            + "service: " + probe.describe() + "; " + listTools
                            + ", because list_tools still follows DUO_AGENT_PLATFORM_SERVICE_SECURE "
                            + "on GitLab 18.10+: set that variable to match the checkbox if a tool relies on list_tools");
        }
        String checked = "the health check's self-hosted duo_agent_platform_probe and " + tools.request();
        if (HealthProbes.tlsMismatch(probe)) {
            return broken(
                    Sections.AGENT_PLATFORM_AUTH_TOKEN,
                    "secure-without-tls-setting",
                    checked,
                    "the probe passes",
                    probe.describe()
                            + ": GitLab speaks TLS (`Use TLS for the GitLab Duo Agent Platform service` is on) to a service without TLS");
        }
        String message = tools.json().map(j -> j.path("message").asText("")).orElse("");
        if (tools.status() == 400 && !message.isBlank()) {
            Condition channel = channel(message, tools, true, "; the health check: " + probe.describe());
            if (!isCause(channel, "secure-without-tls-setting")) {
                return channel;
            }
        }
        return Condition.unknown("the health check's self-hosted duo_agent_platform_probe fails (" + probe.describe()
                + ") while " + listTools
                + ", which follows DUO_AGENT_PLATFORM_SERVICE_SECURE instead of `Use TLS for the GitLab Duo Agent Platform service` ("
                + setting().map(s -> s ? "on" : "off").orElse("unread")
                + "): if the service speaks TLS, turn the checkbox on in "
                + "`Admin > GitLab Duo > Change configuration`");
    }

    /** What the gRPC error says: the transport (TLS both ways, the certificate), then the numeric status. */
    private static Condition channel(String message, Exchange tools, boolean settingDecides, String more) {
        String checked = tools.request() + " (GitLab → Agent Platform service over gRPC)";
        String butWas = tools.outcome() + more;
        // A failed verification is also an "Ssl handshake failed (TSI_PROTOCOL_FAILURE)" in grpc core's words: asked
        // first.
        if (message.matches("(?is).*(CERTIFICATE_VERIFY_FAILED|certificate verify failed|self.signed).*")) {
            return broken(Sections.AGENT_PLATFORM_AUTH_TOKEN, "certificate-not-trusted", checked, EXPECTED, butWas);
        }
        if (message.matches("(?is).*(WRONG_VERSION_NUMBER|Ssl handshake failed|TSI_PROTOCOL_FAILURE).*")) {
            return settingDecides
                    ? broken(
                            Sections.AGENT_PLATFORM_AUTH_TOKEN,
                            "secure-without-tls-setting",
                            checked,
                            EXPECTED,
                            butWas
                                    + ": list_tools speaks TLS (DUO_AGENT_PLATFORM_SERVICE_SECURE unset = true) to a service without TLS")
                    : broken(
                            Sections.AGENT_PLATFORM_AUTH_TOKEN,
                            "secure-without-tls",
                            checked,
                            EXPECTED,
                            butWas
                                    + ": GitLab speaks TLS (DUO_AGENT_PLATFORM_SERVICE_SECURE unset = true) to a service without TLS");
        }
        Matcher status = GRPC_STATUS.matcher(message);
        String code = status.matches() ? status.group(1) : "";
        return switch (code) {
            case "14" ->
                broken(
                        Sections.AGENT_PLATFORM_AUTH_TOKEN,
                        "service-unreachable",
                        checked,
                        EXPECTED,
                        butWas + ": gRPC status 14 (UNAVAILABLE), GitLab cannot connect to the service");
            case "16" ->
                broken(
                        Sections.AGENT_PLATFORM_AUTH_TOKEN,
                        "token-rejected",
                        checked,
                        EXPECTED,
                        butWas
                                + ": gRPC status 16 (UNAUTHENTICATED), the service is reachable and rejects GitLab's token");
            default ->
                broken(
                        Sections.AGENT_PLATFORM_AUTH_TOKEN,
                        "grpc-error",
                        checked,
                        EXPECTED,
                        butWas + (code.isEmpty() ? ": no gRPC status in the message" : ": gRPC status " + code));
        };
    }

    private static boolean isCause(Condition condition, String cause) {
        return condition instanceof Condition.Broken broken
                && broken.failure().cause().equals(cause);
    }

    /** The self-hosted {@code duo_agent_platform_probe} of the health check, when the administrator can read it. */
    private Optional<HealthProbes.Probe> selfHostedProbe() {
        return healthStatus(gitlab)
                .flatMap(status -> HealthProbes.of(status).stream()
                        .filter(p -> HealthProbes.target(p, "", "") == HealthProbes.Target.AGENT_PLATFORM)
                        .findFirst());
    }

    /** {@code duoSettings.selfHostedDuoAgentPlatformServiceSecure} (18.10+), when the administrator can read it. */
    private Optional<Boolean> setting() {
        if (unusable(gitlab, Identity.ADMIN).isPresent()) {
            return Optional.empty();
        }
        JsonNode secure =
                gitlab.agentPlatformSecure().data().path("duoSettings").path("selfHostedDuoAgentPlatformServiceSecure");
        return secure.isBoolean() ? Optional.of(secure.asBoolean()) : Optional.empty();
    }

    /**
     * Up to 18.9, one flag sets the transport of every Agent Platform channel, and a vendored feature goes to GitLab's
     * service over TLS (ee/lib/gitlab/duo_workflow/client.rb {@code url_for}, {@code secure?}): with Agentic Chat and the
     * other agents split between a GitLab AI vendor model and a self-hosted one, a self-hosted service without TLS breaks
     * one of them (known issue gitlab-org/gitlab#590454, troubleshooting.md). The service's TLS is read with one handshake.
     */
    private Condition splitBackends() {
        if (unusable(gitlab, Identity.ADMIN).isPresent()) {
            return Condition.holds();
        }
        Map<String, String> providers = stream(gitlab.featureSettings()
                        .data()
                        .path("aiFeatureSettings")
                        .path("nodes"))
                .filter(n -> n.path("feature").asText().equals(AGENTS)
                        || n.path("feature").asText().equals(AGENTIC_CHAT))
                .collect(Collectors.toMap(
                        n -> n.path("feature").asText(), n -> n.path("provider").asText(), (a, b) -> a));
        boolean split =
                providers.size() == 2 && providers.containsValue("vendored") && providers.containsValue("self_hosted");
        JsonNode url = gitlab.agentPlatformUrl().data().path("duoSettings").path("duoAgentPlatformServiceUrl");
        if (!split || !url.isTextual() || url.asText().isBlank()) {
            return Condition.holds();
        }
        String described =
                AGENTS + " → " + providers.get(AGENTS) + ", " + AGENTIC_CHAT + " → " + providers.get(AGENTIC_CHAT);
        TlsInspector.Result handshake = tls.inspect(URI.create("https://" + url.asText()));
        if (handshake.verdict() != TlsInspector.Verdict.NO_CONNECTION) {
            return Condition.holdsBecause(
                    "Agent Platform features are split (" + described + "), and the self-hosted service at "
                            + url.asText() + " speaks TLS, as GitLab's vendored channel needs");
        }
        if (!handshake.detail().startsWith("TLS handshake failed")) {
            return Condition.unknown("Agent Platform features are split (" + described
                    + "): if the self-hosted service at " + url.asText()
                    + " has no TLS, one of them fails (known issue gitlab-org/gitlab#590454), and this runner cannot reach the service to "
                    + "tell (" + handshake.detail() + ")");
        }
        return broken(
                Sections.AGENT_PLATFORM_AUTH_TOKEN,
                "known-issue-590454",
                "aiFeatureSettings and a TLS handshake with " + url.asText(),
                "the Agent Platform features on one kind of model, or TLS on the self-hosted service",
                described + "; the self-hosted service has no TLS (" + handshake.detail()
                        + "): GitLab up to 18.9 speaks one transport to both services");
    }
}
