package dev.duoconformance.simulator.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.simulator.fault.Fault;
import dev.duoconformance.simulator.gitlab.GitLabInstance.Caller;
import dev.duoconformance.simulator.server.ClosedPort;
import dev.duoconformance.simulator.server.SimServer;
import dev.duoconformance.simulator.server.SimServer.Request;
import dev.duoconformance.simulator.server.SimServer.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * A GitLab EE instance with GitLab Duo Self-Hosted, as its REST v4 and GraphQL APIs present it in a given version.
 * Like the real one it sends its Code Suggestions to the AI gateway (Workhorse passes the gateway's answer through),
 * asks the gateway for direct-access tokens, runs its health check probes against the configured gateway URL, and
 * signs the JWTs the gateway verifies against this instance's JWKS.
 */
public final class GitLabSimulator implements AutoCloseable {
    /** The administrator's and the Duo user's personal access tokens: canaries the self-tests look for in every output. */
    public static final String ADMIN_TOKEN = "glpat-sim-admin-canary-8d2e6b41";

    public static final String USER_TOKEN = "glpat-sim-user-canary-5c7a9f03";
    /** The self-hosted Agent Platform service URL GitLab has set, where the demo runs no service of its own. */
    public static final String AGENT_PLATFORM_URL = "localhost:50052";

    private static final String MONOLITH = "X-GitLab-Error-Origin";

    /** A self-hosted model as GitLab stores it. */
    public record Model(
            String name, String family, String endpoint, String identifier, String apiToken, List<String> features) {}

    private final GitLabInstance gitlab;
    private final SimServer server;
    private final URI entrance;

    /**
     * @param gatewayUrl the AI gateway URL GitLab has configured (the setting from 17.9, {@code AI_GATEWAY_URL} before)
     * @param gatewayTrust what GitLab trusts when it calls the gateway over HTTPS (the installation's private CA)
     */
    public GitLabSimulator(
            GitLabVersion version,
            Set<Fault> faults,
            Optional<URI> gatewayUrl,
            List<Model> models,
            SSLContext gatewayTrust,
            Duration latency) {
        this(version, faults, gatewayUrl, models, gatewayTrust, latency, AGENT_PLATFORM_URL);
    }

    /** @param agentPlatformUrl GitLab's self-hosted Agent Platform service URL ({@code host:port}) */
    public GitLabSimulator(
            GitLabVersion version,
            Set<Fault> faults,
            Optional<URI> gatewayUrl,
            List<Model> models,
            SSLContext gatewayTrust,
            Duration latency,
            String agentPlatformUrl) {
        this.gitlab =
                new GitLabInstance(version, faults, gatewayUrl, models, gatewayTrust, this::url, agentPlatformUrl);
        GitLabGraphQl graphQl = new GitLabGraphQl(gitlab);
        this.server = SimServer.http("gitlab")
                .latency(latency)
                .gate(outage(faults))
                .pathPrefix(faults.contains(Fault.GITLAB_BEHIND_PATH_PREFIX) ? "/gitlab" : "")
                .whenUnknown(r -> Response.json(404, Map.of("error", "404 Not Found")))
                .route(
                        "GET",
                        "/.well-known/openid-configuration",
                        r -> Response.json(200, gitlab.tokens.discovery(url())))
                .route("GET", "/oauth/discovery/keys", r -> Response.json(200, gitlab.tokens.jwks()))
                .route("GET", "/api/v4/version", r -> authenticated(r, c -> version()))
                .route("GET", "/api/v4/user", r -> authenticated(r, this::user))
                .route("GET", "/api/v4/personal_access_tokens/self", r -> authenticated(r, this::token))
                .route("GET", "/api/v4/license", r -> authenticated(r, this::license))
                .route("GET", "/api/v4/features", r -> authenticated(r, this::features))
                .route("POST", "/api/v4/code_suggestions/completions", r -> authenticated(r, c -> completion(r, c)))
                .route("POST", "/api/v4/code_suggestions/direct_access", r -> authenticated(r, this::directAccess))
                .route("GET", "/api/v4/ai/duo_workflows/list_tools", r -> authenticated(r, c -> listTools()))
                .route("POST", "/api/graphql", graphQl::answer)
                .start();
        this.entrance = faults.contains(Fault.GITLAB_DOWN) ? ClosedPort.url("http") : server.url();
    }

    /**
     * What answers in place of GitLab's API during an outage. GitLab's nginx serves public/502.html when Puma does not
     * answer and public/503.html while GitLab is unavailable (gitlab-org/gitlab public/502.html, public/503.html;
     * omnibus-gitlab files/gitlab-cookbooks/gitlab/templates/default/nginx-gitlab-http.conf.erb, error_page); an SSO
     * proxy in front of GitLab answers every request it has not authenticated with a redirect to the sign-in page.
     */
    private java.util.function.Function<Request, Optional<Response>> outage(Set<Fault> faults) {
        if (faults.contains(Fault.GITLAB_502)) {
            return r -> Optional.of(errorPage(502, "Whoops, GitLab is taking too much time to respond."));
        }
        if (faults.contains(Fault.GITLAB_503)) {
            return r -> Optional.of(errorPage(503, "Whoops, GitLab is currently unavailable."));
        }
        if (faults.contains(Fault.GITLAB_SSO_REDIRECT)) {
            return r -> Optional.of(new Response(
                    302,
                    Map.of("Location", url() + "/users/sign_in", "Content-Type", "text/html; charset=utf-8"),
                    "<html><body>You are being <a href=\"" + url() + "/users/sign_in\">redirected</a>.</body></html>"));
        }
        return r -> Optional.empty();
    }

    private static Response errorPage(int status, String message) {
        return new Response(
                status,
                Map.of("Content-Type", "text/html"),
                "<!DOCTYPE html><html><head><title>Something went wrong (" + status + ")</title></head><body><h1>"
                        + status + "</h1><div class=\"container\"><h3>" + message + "</h3></div></body></html>");
    }

    /** The URL this runner is given for GitLab (a closed port when the runner cannot reach it). */
    public URI entrance() {
        return entrance;
    }

    public URI url() {
        return server.url();
    }

    public SimServer server() {
        return server;
    }

    private Response authenticated(Request request, java.util.function.Function<Caller, Response> handler) {
        Optional<Caller> caller = gitlab.caller(request);
        if (caller.isEmpty()) {
            return Response.json(401, Map.of("message", "401 Unauthorized"));
        }
        if (!caller.get().mayRead()
                && !(request.method().equals("POST") && caller.get().mayUseAi())) {
            return Response.json(
                    403,
                    Map.of(
                            "error",
                            "insufficient_scope",
                            "error_description",
                            "The request requires higher privileges than provided by the access token.",
                            "scope",
                            "api read_api"));
        }
        return handler.apply(caller.get());
    }

    // --- REST ----------------------------------------------------------------------------------------------

    private Response version() {
        ObjectNode body = SimServer.JSON
                .createObjectNode()
                .put("version", gitlab.version.text())
                .put("revision", "6f2c0e1a9b3")
                .put("enterprise", true);
        body.putObject("kas").put("enabled", false).putNull("externalUrl").putNull("version");
        return Response.json(200, body);
    }

    private Response user(Caller caller) {
        ObjectNode body = SimServer.JSON
                .createObjectNode()
                .put("id", caller.id())
                .put("username", caller.username())
                .put("name", caller.username())
                .put("state", "active")
                .put("locked", false)
                .put("web_url", url() + "/" + caller.username());
        // The stored admin flag, Admin Mode or not (lib/api/users.rb GET /user → Entities::UserWithAdmin, expose
        // :admin? as
        // :is_admin); Admin Mode only withholds the rights (lib/api/api_guard.rb), which /license shows.
        if (caller.admin()) {
            body.put("is_admin", true);
        }
        return Response.json(200, body);
    }

    private Response token(Caller caller) {
        ObjectNode body = SimServer.JSON
                .createObjectNode()
                .put("id", 100 + caller.id())
                .put("name", "duo-conformance")
                .put("revoked", false)
                .put("active", true)
                .put("user_id", caller.id())
                .put("expires_at", LocalDate.now().plusDays(90).toString());
        caller.scopes().forEach(body.putArray("scopes")::add);
        return Response.json(200, body);
    }

    private Response license(Caller caller) {
        if (!caller.adminRightsActive()) {
            return Response.json(403, Map.of("message", "403 Forbidden"));
        }
        boolean expired = gitlab.faults.contains(Fault.LICENSE_EXPIRED);
        LocalDate expires =
                expired ? LocalDate.now().minusDays(12) : LocalDate.now().plusDays(200);
        ObjectNode body = SimServer.JSON
                .createObjectNode()
                .put("id", 1)
                .put("plan", gitlab.premium() ? "premium" : "ultimate")
                .put("starts_at", expires.minusYears(1).toString())
                .put("expires_at", expires.toString())
                .put("expired", expired)
                .put("user_limit", 100)
                .put("active_users", 12)
                .put("historical_max", 14)
                .put("overage", 0);
        body.putObject("licensee").put("Name", "Example Ops").put("Company", "Example");
        body.putObject("add_ons");
        return Response.json(200, body);
    }

    private Response features(Caller caller) {
        if (!caller.adminRightsActive()) {
            return Response.json(403, Map.of("message", "403 Forbidden"));
        }
        ArrayNode flags = SimServer.JSON.createArrayNode();
        if (gitlab.version.isBefore(GitLabVersion.of("18.0"))) {
            flag(flags, "expanded_ai_logging", true);
        }
        if (!gitlab.codeSuggestionsSwitchedOn()) {
            flag(flags, "ai_duo_code_suggestions_switch", false);
        }
        return Response.json(200, flags);
    }

    private static void flag(ArrayNode flags, String name, boolean on) {
        ObjectNode flag = flags.addObject().put("name", name).put("state", on ? "on" : "off");
        flag.putArray("gates").addObject().put("key", "boolean").put("value", on);
        flag.putObject("definition")
                .put("name", name)
                .put("type", name.endsWith("_switch") ? "ops" : "ops")
                .put("default_enabled", !on);
    }

    /** The checks in {@code API::CodeSuggestions}' {@code before} block, answered with GitLab's own marker header. */
    private Optional<Response> refusedByGitLab(Caller caller) {
        if (!gitlab.codeSuggestionsSwitchedOn()) {
            return Optional.of(
                    Response.json(404, Map.of("message", "404 Not Found")).withHeader(MONOLITH, "monolith"));
        }
        if (!gitlab.mayAccessCodeSuggestions(caller)
                || "disabled".equals(gitlab.featureSettings.get("code_completions")[0])) {
            return Optional.of(
                    Response.json(401, Map.of("message", "401 Unauthorized")).withHeader(MONOLITH, "monolith"));
        }
        return Optional.empty();
    }

    /** {@code POST /code_suggestions/completions}: GitLab adds the self-hosted model and Workhorse sends it to the AI gateway. */
    private Response completion(Request request, Caller caller) {
        Optional<Response> refused = refusedByGitLab(caller);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (gitlab.faults.contains(Fault.GITLAB_COMPLETIONS_RATE_LIMITED)) {
            // ee/lib/api/code_suggestions.rb: check_rate_limit!(:code_suggestions_api_endpoint) {
            // header('X-GitLab-Error-Origin', 'monolith') }
            return rateLimited().withHeader(MONOLITH, "monolith");
        }
        JsonNode body = request.json().orElse(NullNode.getInstance());
        if (!body.path("current_file").path("file_name").isTextual()
                || !body.path("current_file").path("content_above_cursor").isTextual()) {
            return Response.json(
                    400,
                    Map.of(
                            "error",
                            "current_file[file_name] is missing, current_file[content_above_cursor] is missing"));
        }
        if (gitlab.faults.contains(Fault.COMPLETE_CODE_NOT_ALLOWED)) {
            // ee/lib/api/code_suggestions.rb, in the completions route after the before block's
            // can?(:access_code_suggestions):
            // unauthorized_with_origin_header! unless current_user.allowed_to_use?(:code_suggestions,
            // unit_primitive_name: …).
            return Response.json(401, Map.of("message", "401 Unauthorized")).withHeader(MONOLITH, "monolith");
        }
        ObjectNode task = ((ObjectNode) body).deepCopy();
        Optional<Model> model = gitlab.modelFor("code_completions");
        String base = model.isPresent()
                ? gitlab.configuredGatewayUrl().map(URI::toString).orElse(GitLabInstance.CLOUD_GATEWAY)
                : GitLabInstance.CLOUD_GATEWAY;
        model.ifPresent(m -> {
            task.put("model_provider", "litellm")
                    .put("prompt_version", 2)
                    .putNull("prompt")
                    .put("model_endpoint", m.endpoint())
                    .put("model_name", m.family());
            if (m.apiToken() != null) {
                task.put("model_api_key", m.apiToken());
            }
            if (m.identifier() != null) {
                task.put("model_identifier", m.identifier());
            }
        });
        return gitlab.toGateway(caller, base, "/v2/code/completions", task.toString())
                .map(answer -> new Response(
                        answer.statusCode(),
                        Map.of(
                                "Content-Type",
                                answer.headers().firstValue("content-type").orElse("application/json")),
                        answer.body()))
                // Workhorse's sendurl could not reach the upstream.
                .orElse(Response.text(502, "Bad Gateway"));
    }

    /**
     * GitLab's 429 (lib/api/helpers/rate_limiter.rb {@code too_many_requests!({ error: … }, retry_after: interval)},
     * lib/api/helpers.rb: {@code Retry-After} is the limiter's interval, one minute for the Code Suggestions limits).
     */
    private static Response rateLimited() {
        return Response.json(
                        429,
                        Map.of(
                                "message",
                                Map.of("error", "This endpoint has been requested too many times. Try again later.")))
                .withHeader("Retry-After", "60");
    }

    /**
     * {@code POST /code_suggestions/direct_access}: GitLab asks the AI gateway for a user access token. Following
     * ee/lib/api/code_suggestions.rb: the class's {@code before} checks, then {@code forbidden!('Direct connections are
     * disabled') if forbid_direct_access?} (indirect connections chosen by the admin), then the rate limit
     * {@code code_suggestions_direct_access} (50 per minute, ee/lib/ee/gitlab/application_rate_limiter.rb).
     */
    private Response directAccess(Caller caller) {
        Optional<Response> refused = refusedByGitLab(caller);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (gitlab.faults.contains(Fault.GITLAB_INDIRECT_CONNECTIONS)) {
            // forbidden!(reason) → render_api_error_with_reason!(403, '403 Forbidden', reason), no
            // X-GitLab-Error-Origin.
            return Response.json(403, Map.of("message", "403 Forbidden - Direct connections are disabled"));
        }
        if (gitlab.faults.contains(Fault.DIRECT_ACCESS_RATE_LIMITED)) {
            return rateLimited();
        }
        String base = gitlab.configuredGatewayUrl().map(URI::toString).orElse(GitLabInstance.CLOUD_GATEWAY);
        Optional<HttpResponse<String>> answer = gitlab.toGateway(caller, base, "/v1/code/user_access_token", "");
        if (answer.isEmpty() || answer.get().statusCode() != 200) {
            int status = answer.map(HttpResponse::statusCode).orElse(503);
            return Response.json(
                    status >= 400 ? status : 503,
                    Map.of(
                            "message",
                            "Token creation failed",
                            "error_description",
                            answer.map(a -> "AI Gateway returned " + a.statusCode() + ": " + a.body())
                                    .orElse("AI Gateway not reachable")));
        }
        JsonNode granted = SimServer.JSON.createObjectNode();
        try {
            granted = SimServer.JSON.readTree(answer.get().body());
        } catch (IOException e) {
            return Response.json(503, Map.of("message", "Token creation failed"));
        }
        ObjectNode body = SimServer.JSON
                .createObjectNode()
                .put("base_url", base)
                .put("token", granted.path("token").asText())
                .put("expires_at", granted.path("expires_at").asLong());
        ObjectNode headers = body.putObject("headers");
        gitlab.gatewayHeaders(caller).forEach((k, v) -> {
            if (!k.equals("Authorization") && !k.equals("Content-Type")) {
                headers.put(k, v);
            }
        });
        return Response.json(201, body);
    }

    /**
     * {@code GET /ai/duo_workflows/list_tools} (ee/lib/api/ai/duo_workflows/workflows.rb): GitLab asks the Agent Platform
     * service over gRPC (ee/lib/ai/duo_workflow/duo_workflow_service/client.rb, TLS unless DUO_AGENT_PLATFORM_SERVICE_SECURE
     * is false, config/initializers/1_settings.rb: on 18.10+ too, as it passes no feature setting to {@code secure?}) and
     * answers a gRPC error as {@code bad_request!(message)}. The tool
     * entries are placeholders; the shape is the payload's {@code tools} and {@code evalDataset}.
     */
    private Response listTools() {
        Optional<String> error = gitlab.agentPlatformError(gitlab.secureVariable());
        if (error.isPresent()) {
            return Response.json(400, Map.of("message", "400 Bad request - " + error.get()));
        }
        ObjectNode body = SimServer.JSON.createObjectNode();
        body.putArray("tools").addObject().put("name", "read_file").put("description", "Read a file");
        body.putArray("evalDataset");
        return Response.json(200, body);
    }

    @Override
    public void close() {
        server.close();
    }
}
