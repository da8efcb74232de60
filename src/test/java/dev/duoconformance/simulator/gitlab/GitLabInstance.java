package dev.duoconformance.simulator.gitlab;

import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.simulator.fault.Fault;
import dev.duoconformance.simulator.server.ClosedPort;
import dev.duoconformance.simulator.server.SimServer.Request;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * What the simulated GitLab instance knows and decides, whichever API asks: who a token belongs to, the license,
 * seats and feature settings, the configured AI gateway URL and self-hosted models, and how it calls the AI gateway.
 */
final class GitLabInstance {
    static final String CLOUD_GATEWAY = "https://cloud.gitlab.com/ai";
    private static final List<String> FEATURE_SCOPES = List.of("complete_code", "generate_code");

    /** Who a token belongs to and what it may do. */
    record Caller(int id, String username, boolean admin, boolean adminRightsActive, List<String> scopes) {
        boolean mayRead() {
            return scopes.contains("api") || scopes.contains("read_api");
        }

        /** app/graphql/mutations/base_mutation.rb: {@code authorization_scopes} is {@code [:api]} for every mutation. */
        boolean mayMutate() {
            return scopes.contains("api");
        }

        boolean mayUseAi() {
            return scopes.contains("api") || scopes.contains("ai_features");
        }
    }

    final GitLabVersion version;
    final Set<Fault> faults;
    private final Optional<URI> gatewayUrl;
    final List<GitLabSimulator.Model> models;
    final Map<String, String[]> featureSettings = new LinkedHashMap<>();
    private final HttpClient toGateway;
    final GitLabTokenIssuer tokens = new GitLabTokenIssuer();
    private final Supplier<URI> url;
    final String agentPlatformUrl;

    GitLabInstance(
            GitLabVersion version,
            Set<Fault> faults,
            Optional<URI> gatewayUrl,
            List<GitLabSimulator.Model> models,
            SSLContext gatewayTrust,
            Supplier<URI> url,
            String agentPlatformUrl) {
        this.agentPlatformUrl = agentPlatformUrl;
        this.version = version;
        this.faults = faults;
        this.gatewayUrl = gatewayUrl;
        this.models = models;
        this.url = url;
        this.toGateway = HttpClient.newBuilder()
                .sslContext(gatewayTrust)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        for (GitLabSimulator.Model model : models) {
            model.features().forEach(f -> featureSettings.put(f, new String[] {"self_hosted", model.name()}));
        }
        if (faults.contains(Fault.FEATURE_VENDORED)) {
            featureSettings.put("code_completions", new String[] {"vendored", null});
        }
        if (faults.contains(Fault.GITLAB_HYBRID) || faults.contains(Fault.GITLAB_HYBRID_OFFLINE)) {
            featureSettings.put(
                    "review_merge_request",
                    new String[] {"vendored", null}); // a feature the environment file does not list
        }
        if (faults.contains(Fault.FEATURE_DISABLED)) {
            featureSettings.put("code_completions", new String[] {"disabled", null});
        }
        if (faults.contains(Fault.DUO_CHAT_VENDORED)) {
            featureSettings.put("duo_chat", new String[] {"vendored", null});
        }
        if (faults.contains(Fault.AGENT_PLATFORM_CLOUD_BLOCKED)
                || faults.contains(Fault.AGENT_PLATFORM_SPLIT_WITH_TLS)
                || faults.contains(Fault.AGENT_PLATFORM_SPLIT_WITHOUT_TLS)) {
            featureSettings.put("duo_agent_platform", new String[] {"vendored", null});
        }
        if (faults.contains(Fault.AGENT_PLATFORM_SPLIT_WITH_TLS)
                || faults.contains(Fault.AGENT_PLATFORM_SPLIT_WITHOUT_TLS)) {
            featureSettings.put("duo_agent_platform_agentic_chat", new String[] {"self_hosted", "llama-3-3-70b"});
        }
    }

    URI url() {
        return url.get();
    }

    Optional<Caller> caller(Request request) {
        String token = request.header("private-token")
                .or(() -> request.header("authorization")
                        .filter(h -> h.startsWith("Bearer "))
                        .map(h -> h.substring(7)))
                .orElse("");
        if (token.equals(GitLabSimulator.ADMIN_TOKEN)) {
            boolean admin = !faults.contains(Fault.GITLAB_TOKEN_NOT_ADMIN);
            boolean adminMode = faults.contains(Fault.GITLAB_ADMIN_MODE_REQUIRED);
            List<String> scopes = !admin
                    ? List.of("api")
                    : adminMode
                            ? List.of("api", "read_api")
                            : faults.contains(Fault.GITLAB_ADMIN_TOKEN_WITHOUT_API)
                                    ? List.of("read_api", "admin_mode")
                                    : List.of("api", "admin_mode");
            return Optional.of(new Caller(1, admin ? "root" : "reviewer", admin, admin && !adminMode, scopes));
        }
        if (token.equals(GitLabSimulator.USER_TOKEN)) {
            return Optional.of(new Caller(42, "duo-developer", false, false, List.of("api")));
        }
        return Optional.empty();
    }

    boolean premium() {
        return faults.contains(Fault.GITLAB_PREMIUM_LICENSE);
    }

    boolean licensed() {
        return !faults.contains(Fault.LICENSE_EXPIRED) && !faults.contains(Fault.NO_ADD_ON);
    }

    boolean holdsSeat(Caller caller) {
        return licensed()
                && !(faults.contains(Fault.NO_SEAT) && !caller.admin())
                && !(faults.contains(Fault.GITLAB_ADMIN_WITHOUT_SEAT) && caller.admin());
    }

    /** {@code Ability.allowed?(user, :access_code_suggestions)}. */
    boolean mayAccessCodeSuggestions(Caller caller) {
        return holdsSeat(caller) && !(faults.contains(Fault.USER_WITHOUT_ACCESS) && !caller.admin());
    }

    /** {@code :manage_self_hosted_models_settings}: an administrator on an instance licensed for self-hosted models. */
    boolean managesSelfHostedModels(Caller caller) {
        return caller.adminRightsActive() && licensed();
    }

    boolean codeSuggestionsSwitchedOn() {
        return !faults.contains(Fault.CODE_SUGGESTIONS_SWITCHED_OFF);
    }

    Optional<URI> configuredGatewayUrl() {
        if (faults.contains(Fault.GITLAB_AIGW_URL_UNSET)) {
            return Optional.empty();
        }
        if (faults.contains(Fault.GITLAB_AIGW_URL_WRONG)) {
            return Optional.of(ClosedPort.url("http"));
        }
        return gatewayUrl;
    }

    List<GitLabSimulator.Model> storedModels() {
        return models.stream()
                .map(m -> {
                    if (faults.contains(Fault.GITLAB_MODEL_MISSING)
                            && m.features().contains("code_completions")) {
                        return new GitLabSimulator.Model(
                                "mistral", m.family(), m.endpoint(), m.identifier(), m.apiToken(), m.features());
                    }
                    if (faults.contains(Fault.GITLAB_MODEL_FAMILY_DIFFERS)
                            && m.features().contains("code_completions")) {
                        return new GitLabSimulator.Model(
                                m.name(), "codegemma", m.endpoint(), m.identifier(), m.apiToken(), m.features());
                    }
                    if (faults.contains(Fault.GITLAB_MODEL_API_KEY_MISSING)
                            && m.features().contains("code_completions")) {
                        return new GitLabSimulator.Model(
                                m.name(), m.family(), m.endpoint(), m.identifier(), null, m.features());
                    }
                    if (faults.contains(Fault.GITLAB_MODEL_ENDPOINT_DIFFERS)
                            && m.features().contains("code_completions")) {
                        return new GitLabSimulator.Model(
                                m.name(),
                                m.family(),
                                ClosedPort.url("http") + "/v1",
                                m.identifier(),
                                m.apiToken(),
                                m.features());
                    }
                    return m;
                })
                .toList();
    }

    Optional<GitLabSimulator.Model> modelFor(String feature) {
        String[] setting = featureSettings.get(feature);
        if (setting == null || !"self_hosted".equals(setting[0])) {
            return Optional.empty();
        }
        List<GitLabSimulator.Model> stored = storedModels();
        int index = models.stream().map(GitLabSimulator.Model::name).toList().indexOf(setting[1]);
        return index < 0 ? Optional.empty() : Optional.of(stored.get(index));
    }

    /** The headers GitLab sends to the AI gateway ({@code Gitlab::AiGateway.headers}), with a freshly signed JWT. */
    Map<String, String> gatewayHeaders(Caller caller) {
        Map<String, String> headers = new LinkedHashMap<>();
        String globalUserId = tokens.instanceId().substring(0, 8) + "-" + caller.id();
        headers.put("Authorization", "Bearer " + tokens.issue(url(), globalUserId, FEATURE_SCOPES));
        headers.put("Content-Type", "application/json");
        headers.put("X-Gitlab-Authentication-Type", "oidc");
        headers.put("X-Gitlab-Instance-Id", tokens.instanceId());
        headers.put("X-Gitlab-Global-User-Id", globalUserId);
        headers.put("X-Gitlab-Realm", GitLabTokenIssuer.REALM);
        headers.put("X-Gitlab-Host-Name", url().getHost());
        headers.put("X-Gitlab-Version", version.text().replaceAll("-ee$", ""));
        headers.put("X-Gitlab-Feature-Enablement-Type", "duo_enterprise");
        headers.put("X-Gitlab-Enabled-Feature-Flags", "");
        headers.put("X-Request-Id", UUID.randomUUID().toString());
        if (version.isAtLeast(GitLabVersion.of("17.9"))) {
            headers.put("x-gitlab-enabled-instance-verbose-ai-logs", "true");
        }
        return headers;
    }

    /** What GitLab's gRPC client reports when it speaks TLS to an Agent Platform service without TLS (troubleshooting.md). */
    static final String AGENT_PLATFORM_TLS_MISMATCH =
            "14:failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:50052: "
                    + "Ssl handshake failed (TSI_PROTOCOL_FAILURE): SSL_ERROR_SSL: error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER";

    /** GitLab 18.10 made the self-hosted service's TLS an admin setting (AddSelfHostedDuoAgentPlatformServiceSecureToAiSettings). */
    static final GitLabVersion TLS_SETTING = GitLabVersion.of("18.10");

    /** Whether the self-hosted Agent Platform service speaks TLS. */
    boolean agentPlatformServiceHasTls() {
        return !faults.contains(Fault.AGENT_PLATFORM_SECURE_WITHOUT_TLS)
                && !faults.contains(Fault.AGENT_PLATFORM_SECURE_WITHOUT_TLS_SETTING)
                && !faults.contains(Fault.AGENT_PLATFORM_TLS_OFF_BY_SETTING)
                && !faults.contains(Fault.AGENT_PLATFORM_SPLIT_WITHOUT_TLS);
    }

    /**
     * {@code DUO_AGENT_PLATFORM_SERVICE_SECURE} (unset: true; config/initializers/1_settings.rb): false where the
     * administrator set it for a service without TLS, as the 18.9 doc says.
     */
    boolean secureVariable() {
        return !faults.contains(Fault.AGENT_PLATFORM_SPLIT_WITHOUT_TLS);
    }

    /**
     * {@code selfHostedDuoAgentPlatformServiceSecure} (18.10+, default true), copied once from the variable at the upgrade
     * (BackfillSelfHostedDuoAgentPlatformServiceSecureOnAiSettings), then the checkbox.
     */
    boolean secureSetting() {
        return secureVariable() && !faults.contains(Fault.AGENT_PLATFORM_TLS_OFF_BY_SETTING);
    }

    /**
     * The transport of the self-hosted probe and of flows: the setting from 18.10, the variable before
     * (ee/lib/gitlab/duo_workflow/client.rb {@code secure?(feature_setting:)}); {@code list_tools} passes no feature
     * setting, so it always follows the variable (ee/lib/api/ai/duo_workflows/workflows.rb).
     */
    boolean selfHostedChannelSecure() {
        return version.isAtLeast(TLS_SETTING) ? secureSetting() : secureVariable();
    }

    /**
     * The gRPC error GitLab's client reports for its channel to the self-hosted Agent Platform service, spoken with
     * TLS or not, or empty when it works ({@code Client#list_tools} returns the error's message, which starts with the
     * numeric status: ee/lib/ai/duo_workflow/duo_workflow_service/client.rb). The texts are an assumption in grpc core's
     * format, not seen on the wire; the rule matches them by pattern and status.
     */
    Optional<String> agentPlatformError(boolean secure) {
        if (faults.contains(Fault.AGENT_PLATFORM_DOWN)) {
            return Optional.of("14:failed to connect to all addresses; last error: UNAVAILABLE: ipv4:127.0.0.1:50052: "
                    + "Failed to connect to remote host: Connection refused");
        }
        if (faults.contains(Fault.AGENT_PLATFORM_URL_WITH_SCHEME)) {
            // A gRPC target with a scheme does not resolve (the error text is a placeholder).
            return Optional.of("14:DNS resolution failed for http://" + agentPlatformUrl);
        }
        if (secure && !agentPlatformServiceHasTls()) {
            return Optional.of(AGENT_PLATFORM_TLS_MISMATCH);
        }
        if (!secure && agentPlatformServiceHasTls()) {
            return Optional.of(
                    "14:failed to connect to all addresses; last error: UNAVAILABLE: ipv4:127.0.0.1:50052: Socket closed");
        }
        if (faults.contains(Fault.AGENT_PLATFORM_UNTRUSTED_CERTIFICATE)) {
            return Optional.of(
                    "14:failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:50052: Ssl handshake failed "
                            + "(TSI_PROTOCOL_FAILURE): SSL_ERROR_SSL: error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED");
        }
        if (faults.contains(Fault.AGENT_PLATFORM_REJECTS_TOKEN)) {
            // duo_workflow_service/interceptors/authentication_interceptor.py aborts with UNAUTHENTICATED (the detail
            // is a placeholder).
            return Optional.of(
                    "16:Unauthorized. debug_error_string:{UNKNOWN:Error received from peer {grpc_status:16, grpc_message:\"Unauthorized\"}}");
        }
        if (faults.contains(Fault.AGENT_PLATFORM_DEADLINE_EXCEEDED)) {
            return Optional.of("4:Deadline Exceeded. debug_error_string:{UNKNOWN:Deadline Exceeded {grpc_status:4}}");
        }
        return Optional.empty();
    }

    /**
     * {@code Gitlab::HTTP.head(uri, timeout: 5)}: the error when no HTTP answer came, empty when any status came back
     * (upstream: ee/app/services/cloud_connector/status_checks/probes/host_probe.rb).
     */
    Optional<String> head(URI url) {
        if (faults.contains(Fault.GITLAB_CANNOT_REACH_AIGW)) {
            int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
            return Optional.of("Failed to open TCP connection to " + url.getHost() + ":" + port
                    + " (Connection refused - connect(2) for \"" + url.getHost() + "\" port " + port + ")");
        }
        try {
            toGateway.send(
                    HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(5))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** What came back when GitLab called the AI gateway: an answer, or the error Ruby would raise. */
    record GatewayCall(Optional<HttpResponse<String>> answer, String error) {}

    /** GitLab (or Workhorse) calling the AI gateway; empty when no connection could be made. */
    Optional<HttpResponse<String>> toGateway(Caller caller, String base, String path, String body) {
        return call(caller, base, path, body, Duration.ofSeconds(10)).answer();
    }

    /**
     * GitLab calling the AI gateway with a timeout of its own, such as the connection check's 3 s
     * (upstream: ee/lib/gitlab/llm/ai_gateway/code_suggestions_client.rb).
     */
    GatewayCall call(Caller caller, String base, String path, String body, Duration timeout) {
        if (base.startsWith(CLOUD_GATEWAY) || faults.contains(Fault.GITLAB_CANNOT_REACH_AIGW)) {
            // an offline instance cannot reach cloud.gitlab.com; or the route to the gateway is closed
            return new GatewayCall(
                    Optional.empty(),
                    "Failed to open TCP connection to " + URI.create(base).getAuthority()
                            + " (Connection refused - connect(2))");
        }
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + path))
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        gatewayHeaders(caller).forEach(call::header);
        try {
            return new GatewayCall(Optional.of(toGateway.send(call.build(), HttpResponse.BodyHandlers.ofString())), "");
        } catch (java.net.http.HttpTimeoutException e) {
            // Ruby's Net::ReadTimeout#message: "Net::ReadTimeout with #{io.inspect}".
            return new GatewayCall(Optional.empty(), "Net::ReadTimeout with #<TCPSocket:(closed)>");
        } catch (IOException | IllegalArgumentException e) {
            return new GatewayCall(
                    Optional.empty(),
                    "Failed to open TCP connection to " + URI.create(base).getAuthority()
                            + " (Connection refused - connect(2))");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GatewayCall(Optional.empty(), "interrupted");
        }
    }
}
