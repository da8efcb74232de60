package dev.duoconformance.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.simulator.SimServer.Request;
import dev.duoconformance.simulator.SimServer.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * A GitLab EE instance with GitLab Duo Self-Hosted, as its REST v4 and GraphQL APIs present it in a given version.
 * Like the real one it sends its Code Suggestions to the AI gateway (Workhorse passes the gateway's answer through),
 * asks the gateway for direct-access tokens, runs its health check probes against the configured gateway URL, and
 * signs the JWTs the gateway verifies against this instance's JWKS.
 */
final class GitLabSimulator implements AutoCloseable {
    /** The administrator's and the Duo user's personal access tokens: canaries the self-tests look for in every output. */
    static final String ADMIN_TOKEN = "glpat-sim-admin-canary-8d2e6b41";
    static final String USER_TOKEN = "glpat-sim-user-canary-5c7a9f03";
    static final String AGENT_PLATFORM_URL = "localhost:50052";
    private static final String CLOUD_GATEWAY = "https://cloud.gitlab.com/ai";
    private static final String MONOLITH = "X-GitLab-Error-Origin";
    private static final String NOT_PERMITTED = "The resource that you are attempting to access does not exist or you don't have "
            + "permission to perform this action";
    private static final String DUO_ENTERPRISE_ID = "gid://gitlab/GitlabSubscriptions::AddOnPurchase/3";
    private static final List<String> FEATURES = List.of("code_generations", "code_completions", "duo_chat", "duo_chat_explain_code",
            "duo_chat_write_tests", "duo_chat_refactor_code", "duo_chat_fix_code", "review_merge_request");
    private static final List<String> FEATURE_SCOPES = List.of("complete_code", "generate_code");

    /** A self-hosted model as GitLab stores it. */
    record Model(String name, String family, String endpoint, String identifier, String apiToken, List<String> features) {}

    /** Who a token belongs to and what it may do. */
    private record Caller(int id, String username, boolean admin, boolean adminRightsActive, List<String> scopes) {
        boolean mayRead() {
            return scopes.contains("api") || scopes.contains("read_api");
        }

        boolean mayUseAi() {
            return scopes.contains("api") || scopes.contains("ai_features");
        }
    }

    private final GitLabVersion version;
    private final Set<Fault> faults;
    private final Optional<URI> gatewayUrl;
    private final List<Model> models;
    private final Map<String, String[]> featureSettings = new LinkedHashMap<>();
    private final HttpClient toGateway;
    private final GitLabTokenIssuer tokens = new GitLabTokenIssuer();
    private final GitLabGraphQlSchema schema = new GitLabGraphQlSchema();
    private final SimServer server;

    /**
     * @param gatewayUrl the AI gateway URL GitLab has configured (the setting from 17.9, {@code AI_GATEWAY_URL} before)
     * @param gatewayTrust what GitLab trusts when it calls the gateway over HTTPS (the installation's private CA)
     */
    GitLabSimulator(GitLabVersion version, Set<Fault> faults, Optional<URI> gatewayUrl, List<Model> models, SSLContext gatewayTrust,
                    Duration latency) {
        this.version = version;
        this.faults = faults;
        this.gatewayUrl = gatewayUrl;
        this.models = models;
        this.toGateway = HttpClient.newBuilder().sslContext(gatewayTrust).connectTimeout(Duration.ofSeconds(2)).build();
        for (Model model : models) {
            model.features().forEach(f -> featureSettings.put(f, new String[] {"self_hosted", model.name()}));
        }
        if (faults.contains(Fault.FEATURE_VENDORED)) {
            featureSettings.put("code_completions", new String[] {"vendored", null});
        }
        if (faults.contains(Fault.FEATURE_DISABLED)) {
            featureSettings.put("code_completions", new String[] {"disabled", null});
        }
        this.server = SimServer.http("gitlab")
                .latency(latency)
                .pathPrefix(faults.contains(Fault.GITLAB_BEHIND_PATH_PREFIX) ? "/gitlab" : "")
                .whenUnknown(r -> Response.json(404, Map.of("error", "404 Not Found")))
                .route("GET", "/.well-known/openid-configuration", r -> Response.json(200, tokens.discovery(url())))
                .route("GET", "/oauth/discovery/keys", r -> Response.json(200, tokens.jwks()))
                .route("GET", "/api/v4/version", r -> authenticated(r, c -> version()))
                .route("GET", "/api/v4/user", r -> authenticated(r, this::user))
                .route("GET", "/api/v4/personal_access_tokens/self", r -> authenticated(r, this::token))
                .route("GET", "/api/v4/license", r -> authenticated(r, this::license))
                .route("GET", "/api/v4/features", r -> authenticated(r, this::features))
                .route("POST", "/api/v4/code_suggestions/completions", r -> authenticated(r, c -> completion(r, c)))
                .route("POST", "/api/v4/code_suggestions/direct_access", r -> authenticated(r, this::directAccess))
                .route("POST", "/api/graphql", this::graphQl)
                .start();
    }

    URI url() {
        return server.url();
    }

    SimServer server() {
        return server;
    }

    // --- identities and entitlements -------------------------------------------------------------------------

    private Optional<Caller> caller(Request request) {
        String token = request.header("private-token")
                .or(() -> request.header("authorization").filter(h -> h.startsWith("Bearer ")).map(h -> h.substring(7)))
                .orElse("");
        if (token.equals(ADMIN_TOKEN)) {
            boolean admin = !faults.contains(Fault.GITLAB_TOKEN_NOT_ADMIN);
            boolean adminMode = faults.contains(Fault.GITLAB_ADMIN_MODE_REQUIRED);
            List<String> scopes = admin ? (adminMode ? List.of("api", "read_api") : List.of("read_api", "admin_mode")) : List.of("api");
            return Optional.of(new Caller(1, admin ? "root" : "reviewer", admin, admin && !adminMode, scopes));
        }
        if (token.equals(USER_TOKEN)) {
            return Optional.of(new Caller(42, "duo-developer", false, false, List.of("api")));
        }
        return Optional.empty();
    }

    private Response authenticated(Request request, java.util.function.Function<Caller, Response> handler) {
        Optional<Caller> caller = caller(request);
        if (caller.isEmpty()) {
            return Response.json(401, Map.of("message", "401 Unauthorized"));
        }
        if (!caller.get().mayRead() && !(request.method().equals("POST") && caller.get().mayUseAi())) {
            return Response.json(403, Map.of("error", "insufficient_scope",
                    "error_description", "The request requires higher privileges than provided by the access token.", "scope", "api read_api"));
        }
        return handler.apply(caller.get());
    }

    private boolean licensed() {
        return !faults.contains(Fault.LICENSE_EXPIRED) && !faults.contains(Fault.NO_ADD_ON);
    }

    private boolean holdsSeat(Caller caller) {
        return licensed() && !(faults.contains(Fault.NO_SEAT) && !caller.admin());
    }

    /** {@code Ability.allowed?(user, :access_code_suggestions)}. */
    private boolean mayAccessCodeSuggestions(Caller caller) {
        return holdsSeat(caller) && !(faults.contains(Fault.USER_WITHOUT_ACCESS) && !caller.admin());
    }

    /** {@code :manage_self_hosted_models_settings}: an administrator on an instance licensed for self-hosted models. */
    private boolean managesSelfHostedModels(Caller caller) {
        return caller.adminRightsActive() && licensed();
    }

    private boolean codeSuggestionsSwitchedOn() {
        return !faults.contains(Fault.CODE_SUGGESTIONS_SWITCHED_OFF);
    }

    private Optional<URI> configuredGatewayUrl() {
        if (faults.contains(Fault.GITLAB_AIGW_URL_UNSET)) {
            return Optional.empty();
        }
        if (faults.contains(Fault.GITLAB_AIGW_URL_WRONG)) {
            return Optional.of(ClosedPort.url("http"));
        }
        return gatewayUrl;
    }

    private List<Model> storedModels() {
        return models.stream().map(m -> {
            if (faults.contains(Fault.GITLAB_MODEL_MISSING) && m.features().contains("code_completions")) {
                return new Model("mistral", m.family(), m.endpoint(), m.identifier(), m.apiToken(), m.features());
            }
            if (faults.contains(Fault.GITLAB_MODEL_ENDPOINT_DIFFERS) && m.features().contains("code_completions")) {
                return new Model(m.name(), m.family(), ClosedPort.url("http") + "/v1", m.identifier(), m.apiToken(), m.features());
            }
            return m;
        }).toList();
    }

    private Optional<Model> modelFor(String feature) {
        String[] setting = featureSettings.get(feature);
        if (setting == null || !"self_hosted".equals(setting[0])) {
            return Optional.empty();
        }
        List<Model> stored = storedModels();
        int index = models.stream().map(Model::name).toList().indexOf(setting[1]);
        return index < 0 ? Optional.empty() : Optional.of(stored.get(index));
    }

    // --- REST ----------------------------------------------------------------------------------------------

    private Response version() {
        ObjectNode body = SimServer.JSON.createObjectNode().put("version", version.text()).put("revision", "6f2c0e1a9b3")
                .put("enterprise", true);
        body.putObject("kas").put("enabled", false).putNull("externalUrl").putNull("version");
        return Response.json(200, body);
    }

    private Response user(Caller caller) {
        ObjectNode body = SimServer.JSON.createObjectNode().put("id", caller.id()).put("username", caller.username())
                .put("name", caller.username()).put("state", "active").put("locked", false)
                .put("web_url", url() + "/" + caller.username());
        if (caller.adminRightsActive()) {
            body.put("is_admin", true);
        }
        return Response.json(200, body);
    }

    private Response token(Caller caller) {
        ObjectNode body = SimServer.JSON.createObjectNode().put("id", 100 + caller.id()).put("name", "duo-conformance")
                .put("revoked", false).put("active", true).put("user_id", caller.id()).put("expires_at", LocalDate.now().plusDays(90).toString());
        caller.scopes().forEach(body.putArray("scopes")::add);
        return Response.json(200, body);
    }

    private Response license(Caller caller) {
        if (!caller.adminRightsActive()) {
            return Response.json(403, Map.of("message", "403 Forbidden"));
        }
        boolean expired = faults.contains(Fault.LICENSE_EXPIRED);
        LocalDate expires = expired ? LocalDate.now().minusDays(12) : LocalDate.now().plusDays(200);
        ObjectNode body = SimServer.JSON.createObjectNode().put("id", 1).put("plan", "ultimate")
                .put("starts_at", expires.minusYears(1).toString()).put("expires_at", expires.toString())
                .put("expired", expired).put("user_limit", 100).put("active_users", 12).put("historical_max", 14).put("overage", 0);
        body.putObject("licensee").put("Name", "Example Ops").put("Company", "Example");
        body.putObject("add_ons");
        return Response.json(200, body);
    }

    private Response features(Caller caller) {
        if (!caller.adminRightsActive()) {
            return Response.json(403, Map.of("message", "403 Forbidden"));
        }
        ArrayNode flags = SimServer.JSON.createArrayNode();
        if (version.isBefore(GitLabVersion.of("18.0"))) {
            flag(flags, "expanded_ai_logging", true);
        }
        if (!codeSuggestionsSwitchedOn()) {
            flag(flags, "ai_duo_code_suggestions_switch", false);
        }
        return Response.json(200, flags);
    }

    private static void flag(ArrayNode flags, String name, boolean on) {
        ObjectNode flag = flags.addObject().put("name", name).put("state", on ? "on" : "off");
        flag.putArray("gates").addObject().put("key", "boolean").put("value", on);
        flag.putObject("definition").put("name", name).put("type", name.endsWith("_switch") ? "ops" : "ops").put("default_enabled", !on);
    }

    /** The checks in {@code API::CodeSuggestions}' {@code before} block, answered with GitLab's own marker header. */
    private Optional<Response> refusedByGitLab(Caller caller) {
        if (!codeSuggestionsSwitchedOn()) {
            return Optional.of(Response.json(404, Map.of("message", "404 Not Found")).withHeader(MONOLITH, "monolith"));
        }
        if (!mayAccessCodeSuggestions(caller) || "disabled".equals(featureSettings.get("code_completions")[0])) {
            return Optional.of(Response.json(401, Map.of("message", "401 Unauthorized")).withHeader(MONOLITH, "monolith"));
        }
        return Optional.empty();
    }

    /** {@code POST /code_suggestions/completions}: GitLab adds the self-hosted model and Workhorse sends it to the AI gateway. */
    private Response completion(Request request, Caller caller) {
        Optional<Response> refused = refusedByGitLab(caller);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode body = request.json().orElse(NullNode.getInstance());
        if (!body.path("current_file").path("file_name").isTextual() || !body.path("current_file").path("content_above_cursor").isTextual()) {
            return Response.json(400, Map.of("error", "current_file[file_name] is missing, current_file[content_above_cursor] is missing"));
        }
        ObjectNode task = ((ObjectNode) body).deepCopy();
        Optional<Model> model = modelFor("code_completions");
        String base = model.isPresent() ? configuredGatewayUrl().map(URI::toString).orElse(CLOUD_GATEWAY) : CLOUD_GATEWAY;
        model.ifPresent(m -> {
            task.put("model_provider", "litellm").put("prompt_version", 2).putNull("prompt")
                    .put("model_endpoint", m.endpoint()).put("model_name", m.family());
            if (m.apiToken() != null) {
                task.put("model_api_key", m.apiToken());
            }
            if (m.identifier() != null) {
                task.put("model_identifier", m.identifier());
            }
        });
        return toGateway(caller, base, "/v2/code/completions", task.toString())
                .map(answer -> new Response(answer.statusCode(), Map.of("Content-Type",
                        answer.headers().firstValue("content-type").orElse("application/json")), answer.body()))
                // Workhorse's sendurl could not reach the upstream.
                .orElse(Response.text(502, "Bad Gateway"));
    }

    /** {@code POST /code_suggestions/direct_access}: GitLab asks the AI gateway for a user access token (rate limit 10 / 5 min). */
    private Response directAccess(Caller caller) {
        Optional<Response> refused = refusedByGitLab(caller);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (faults.contains(Fault.DIRECT_ACCESS_RATE_LIMITED)) {
            return Response.json(429, Map.of("message", "This endpoint has been requested too many times. Try again later."))
                    .withHeader("Retry-After", "263");
        }
        String base = configuredGatewayUrl().map(URI::toString).orElse(CLOUD_GATEWAY);
        Optional<HttpResponse<String>> answer = toGateway(caller, base, "/v1/code/user_access_token", "");
        if (answer.isEmpty() || answer.get().statusCode() != 200) {
            int status = answer.map(HttpResponse::statusCode).orElse(503);
            return Response.json(status >= 400 ? status : 503, Map.of("message", "Token creation failed",
                    "error_description", answer.map(a -> "AI Gateway returned " + a.statusCode() + ": " + a.body()).orElse("AI Gateway not reachable")));
        }
        JsonNode granted = SimServer.JSON.createObjectNode();
        try {
            granted = SimServer.JSON.readTree(answer.get().body());
        } catch (IOException e) {
            return Response.json(503, Map.of("message", "Token creation failed"));
        }
        ObjectNode body = SimServer.JSON.createObjectNode().put("base_url", base).put("token", granted.path("token").asText())
                .put("expires_at", granted.path("expires_at").asLong());
        ObjectNode headers = body.putObject("headers");
        gatewayHeaders(caller).forEach((k, v) -> {
            if (!k.equals("Authorization") && !k.equals("Content-Type")) {
                headers.put(k, v);
            }
        });
        return Response.json(201, body);
    }

    /** The headers GitLab sends to the AI gateway ({@code Gitlab::AiGateway.headers}), with a freshly signed JWT. */
    private Map<String, String> gatewayHeaders(Caller caller) {
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

    /** GitLab (or Workhorse) calling the AI gateway; empty when no connection could be made. */
    private Optional<HttpResponse<String>> toGateway(Caller caller, String base, String path, String body) {
        if (base.startsWith(CLOUD_GATEWAY) || faults.contains(Fault.GITLAB_CANNOT_REACH_AIGW)) {
            return Optional.empty(); // an offline instance cannot reach cloud.gitlab.com; or the route to the gateway is closed
        }
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        gatewayHeaders(caller).forEach(call::header);
        try {
            return Optional.of(toGateway.send(call.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    // --- GraphQL -------------------------------------------------------------------------------------------

    private Response graphQl(Request request) {
        Optional<Caller> caller = caller(request);
        if (caller.isEmpty() && (request.header("private-token").isPresent() || request.header("authorization").isPresent())) {
            return Response.json(401, Map.of("errors", List.of(Map.of("message", "Invalid token"))));
        }
        if (faults.contains(Fault.GITLAB_GRAPHQL_ERRORS)) {
            // GitLab's answer when a resolver raises: HTTP 200, no data, an errors[] entry.
            return Response.json(200, "{\"data\":null,\"errors\":[{\"message\":\"Internal server error\"}]}");
        }
        Optional<Caller> reader = caller.filter(Caller::mayRead);
        JsonNode body = request.json().orElse(NullNode.getInstance());
        GraphQlQuery.Operation operation;
        try {
            operation = GraphQlQuery.parse(body.path("query").asText(""), body.path("variables"));
        } catch (GraphQlQuery.SyntaxError e) {
            return Response.json(200, Map.of("errors", List.of(Map.of("message", e.getMessage()))));
        }
        String rootType = operation.kind().equals("mutation") ? "Mutation" : "Query";
        ArrayNode errors = SimServer.JSON.createArrayNode();
        for (GraphQlQuery.Field field : operation.fields()) {
            validate(rootType, field, List.of(operation.kind()), errors);
        }
        ObjectNode answer = SimServer.JSON.createObjectNode();
        if (!errors.isEmpty()) {
            answer.set("errors", errors);
            return Response.json(200, answer);
        }
        ObjectNode data = answer.putObject("data");
        for (GraphQlQuery.Field field : operation.fields()) {
            try {
                JsonNode value = resolve(field, reader);
                String type = schema.field(rootType, field.name(), version).orElseThrow().type();
                data.set(field.name(), project(value, type, field.selection()));
            } catch (NotPermitted e) {
                data.putNull(field.name());
                ObjectNode error = errors.addObject().put("message", NOT_PERMITTED);
                error.putArray("locations").addObject().put("line", field.line()).put("column", field.column());
                error.putArray("path").add(field.name());
            }
        }
        if (!errors.isEmpty()) {
            answer.set("errors", errors);
        }
        return Response.json(200, answer);
    }

    private void validate(String type, GraphQlQuery.Field field, List<String> path, ArrayNode errors) {
        List<String> here = new ArrayList<>(path);
        here.add(field.name());
        Optional<GitLabGraphQlSchema.FieldType> known = schema.field(type, field.name(), version);
        if (known.isEmpty()) {
            ObjectNode error = errors.addObject().put("message", "Field '" + field.name() + "' doesn't exist on type '" + type + "'");
            error.putArray("locations").addObject().put("line", field.line()).put("column", field.column());
            here.forEach(error.putArray("path")::add);
            error.putObject("extensions").put("code", "undefinedField").put("typeName", type).put("fieldName", field.name());
            return;
        }
        for (GraphQlQuery.Field child : field.selection()) {
            validate(known.get().type(), child, here, errors);
        }
    }

    private JsonNode project(JsonNode value, String type, List<GraphQlQuery.Field> selection) {
        if (value == null || value.isNull() || type == null || selection.isEmpty()) {
            return value == null ? NullNode.getInstance() : value;
        }
        if (value.isArray()) {
            ArrayNode list = SimServer.JSON.createArrayNode();
            value.forEach(element -> list.add(project(element, type, selection)));
            return list;
        }
        ObjectNode projected = SimServer.JSON.createObjectNode();
        for (GraphQlQuery.Field field : selection) {
            String fieldType = schema.field(type, field.name(), version).orElseThrow().type();
            projected.set(field.name(), project(value.path(field.name()).isMissingNode() ? NullNode.getInstance() : value.get(field.name()),
                    fieldType, field.selection()));
        }
        return projected;
    }

    /** A resolver's "resource not available" (graphql-ruby's ResourceNotAvailable): null data plus an error. */
    private static final class NotPermitted extends RuntimeException {
        NotPermitted() {
            super(null, null, false, false);
        }
    }

    private JsonNode resolve(GraphQlQuery.Field field, Optional<Caller> reader) {
        return switch (field.name()) {
            case "currentUser" -> reader.map(this::currentUser).orElse(NullNode.getInstance());
            case "aiFeatureSettings" -> reader.filter(this::managesSelfHostedModels).map(c -> featureSettingNodes()).orElse(NullNode.getInstance());
            case "aiSelfHostedModels" -> reader.filter(this::managesSelfHostedModels).map(c -> modelNodes()).orElse(NullNode.getInstance());
            case "duoSettings" -> duoSettings(reader.filter(this::managesSelfHostedModels).isPresent());
            case "cloudConnectorStatus" -> healthCheck(reader.filter(Caller::adminRightsActive).orElseThrow(NotPermitted::new));
            case "addOnPurchases" -> addOnPurchases(reader.filter(Caller::adminRightsActive).orElseThrow(NotPermitted::new));
            case "selfManagedAddOnEligibleUsers" -> eligibleUsers(reader.filter(Caller::adminRightsActive).orElseThrow(NotPermitted::new),
                    field.arguments());
            case "aiSelfHostedModelConnectionCheck" -> connectionCheck(
                    reader.filter(this::managesSelfHostedModels).orElseThrow(NotPermitted::new), field.arguments().get("input"));
            default -> NullNode.getInstance();
        };
    }

    private JsonNode currentUser(Caller caller) {
        return SimServer.JSON.createObjectNode().put("id", "gid://gitlab/User/" + caller.id()).put("username", caller.username())
                .put("name", caller.username())
                .put("duoCodeSuggestionsAvailable", codeSuggestionsSwitchedOn() && mayAccessCodeSuggestions(caller))
                .put("duoChatAvailable", mayAccessCodeSuggestions(caller));
    }

    private JsonNode featureSettingNodes() {
        ObjectNode connection = SimServer.JSON.createObjectNode();
        ArrayNode nodes = connection.putArray("nodes");
        for (String feature : FEATURES) {
            String[] setting = featureSettings.getOrDefault(feature, new String[] {"unassigned", null});
            ObjectNode node = nodes.addObject().put("feature", feature).put("provider", setting[0]).put("title", feature)
                    .put("releaseState", "GA");
            Optional<Model> model = modelFor(feature);
            if (model.isPresent()) {
                node.set("selfHostedModel", modelNode(model.get()));
            } else {
                node.putNull("selfHostedModel");
            }
        }
        return connection;
    }

    private JsonNode modelNodes() {
        ObjectNode connection = SimServer.JSON.createObjectNode();
        ArrayNode nodes = connection.putArray("nodes");
        storedModels().forEach(m -> nodes.add(modelNode(m)));
        return connection;
    }

    private ObjectNode modelNode(Model model) {
        ObjectNode node = SimServer.JSON.createObjectNode().put("id", "gid://gitlab/Ai::SelfHostedModel/" + (models.indexOf(model) + 1))
                .put("name", model.name()).put("model", model.family()).put("endpoint", model.endpoint())
                .put("identifier", model.identifier()).put("hasApiToken", model.apiToken() != null).put("apiToken", model.apiToken())
                .put("releaseState", "GA");
        return node;
    }

    private JsonNode duoSettings(boolean authorized) {
        ObjectNode settings = SimServer.JSON.createObjectNode().put("updatedAt", "2025-06-01T10:00:00Z");
        settings.put("aiGatewayUrl", authorized ? configuredGatewayUrl().map(u -> u.toString().replaceAll("/+$", "")).orElse(null) : null);
        String agentPlatform = faults.contains(Fault.AGENT_PLATFORM_URL_WITH_SCHEME) ? "http://" + AGENT_PLATFORM_URL : AGENT_PLATFORM_URL;
        settings.put("duoAgentPlatformServiceUrl", authorized ? agentPlatform : null);
        return settings;
    }

    private JsonNode addOnPurchases(Caller caller) {
        ArrayNode purchases = SimServer.JSON.createArrayNode();
        if (!faults.contains(Fault.NO_ADD_ON)) {
            purchases.addObject().put("id", DUO_ENTERPRISE_ID).put("name", "DUO_ENTERPRISE").put("purchasedQuantity", 50)
                    .put("assignedQuantity", faults.contains(Fault.NO_SEAT) ? 1 : 2);
        }
        if (version.isAtLeast(GitLabVersion.of("18.0"))) {
            purchases.addObject().put("id", "gid://gitlab/GitlabSubscriptions::AddOnPurchase/1").put("name", "DUO_CORE")
                    .put("purchasedQuantity", 100).put("assignedQuantity", 0);
        }
        return purchases;
    }

    private JsonNode eligibleUsers(Caller caller, Map<String, JsonNode> arguments) {
        String search = arguments.getOrDefault("search", NullNode.getInstance()).asText("");
        boolean askedForDuoEnterprise = arguments.getOrDefault("addOnPurchaseIds", NullNode.getInstance()).toString().contains(DUO_ENTERPRISE_ID);
        ObjectNode connection = SimServer.JSON.createObjectNode();
        ArrayNode nodes = connection.putArray("nodes");
        for (Caller user : List.of(new Caller(1, "root", true, true, List.of()), new Caller(42, "duo-developer", false, false, List.of()))) {
            if (!user.username().contains(search)) {
                continue;
            }
            ObjectNode node = nodes.addObject().put("id", "gid://gitlab/User/" + user.id()).put("username", user.username()).put("name", user.username());
            ArrayNode assignments = node.putObject("addOnAssignments").putArray("nodes");
            if (askedForDuoEnterprise && holdsSeat(user) && !faults.contains(Fault.NO_ADD_ON)) {
                assignments.addObject().putObject("addOnPurchase").put("id", DUO_ENTERPRISE_ID).put("name", "DUO_ENTERPRISE");
            }
        }
        return connection;
    }

    /** The self-hosted probes of the GitLab Duo health check, run against the configured AI gateway URL. */
    private JsonNode healthCheck(Caller caller) {
        List<ObjectNode> probes = new ArrayList<>();
        Optional<URI> url = configuredGatewayUrl();
        if (url.isEmpty()) {
            // Without a self-hosted URL GitLab runs the cloud probes, which an offline instance fails.
            probes.add(probe("host_probe", false, "customers.gitlab.com connection failed: getaddrinfo: Name or service not known."
                    + "\n\nIf you use firewalls or proxy servers, they must allow traffic to this host."));
            probes.add(probe("host_probe", false, "cloud.gitlab.com connection failed: getaddrinfo: Name or service not known."
                    + "\n\nIf you use firewalls or proxy servers, they must allow traffic to this host."));
        } else {
            probes.add(probe("ai_gateway_url_presence_probe", true,
                    "Self hosted AI Gateway URL is set to " + url.get() + ". It can be changed in the GitLab Duo configuration."));
            probes.add(hostProbe(url.get()));
            probes.add(probe("code_suggestions_license_probe", mayAccessCodeSuggestions(caller), mayAccessCodeSuggestions(caller)
                    ? "License includes access to Code Suggestions."
                    : licensed() ? "License includes access to Code Suggestions, but you lack the necessary permissions to use this feature."
                    : "License does not provide access to Code Suggestions."));
            if (faults.contains(Fault.HEALTH_CHECK_401)) {
                probes.add(probe("end_to_end_probe", false, "Authentication with the AI gateway services failed: "
                        + "AI Gateway returned code 401: {\"error\":\"Forbidden by auth provider\"}"));
            }
        }
        ObjectNode status = SimServer.JSON.createObjectNode().put("success", probes.stream().allMatch(p -> p.path("success").asBoolean()));
        ArrayNode results = status.putArray("probeResults");
        probes.forEach(results::add);
        return status;
    }

    private ObjectNode hostProbe(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            if (faults.contains(Fault.GITLAB_CANNOT_REACH_AIGW)) {
                throw new ConnectException("Connection refused - connect(2) for \"" + url.getHost() + "\" port " + port);
            }
            socket.connect(new InetSocketAddress(url.getHost(), port), 2000);
            return probe("host_probe", true, url.getHost() + " reachable.");
        } catch (IOException e) {
            return probe("host_probe", false, url.getHost() + " connection failed: " + e.getMessage()
                    + ".\n\nIf you use firewalls or proxy servers, they must allow traffic to this host.");
        }
    }

    private ObjectNode probe(String name, boolean success, String message) {
        ObjectNode probe = SimServer.JSON.createObjectNode().put("name", name).put("success", success).put("message", message);
        probe.putArray("errors");
        probe.putObject("details");
        return probe;
    }

    /** {@code aiSelfHostedModelConnectionCheck}: an unsaved model, checked through the AI gateway's prompt registry. */
    private JsonNode connectionCheck(Caller caller, JsonNode input) {
        ObjectNode payload = SimServer.JSON.createObjectNode();
        payload.putArray("errors");
        Optional<URI> url = configuredGatewayUrl();
        if (url.isEmpty()) {
            payload.set("result", probe("model_configuration_probe", false,
                    "You have not configured your local AI gateway URL. Configure the URL in the GitLab Duo configuration settings."));
            return payload;
        }
        ObjectNode metadata = SimServer.JSON.createObjectNode()
                .put("name", input.path("model").asText().toLowerCase())
                .put("endpoint", input.path("endpoint").asText(""))
                .put("api_key", input.path("apiToken").isTextual() ? input.path("apiToken").asText() : null)
                .put("provider", "openai")
                .put("identifier", input.path("identifier").isTextual() ? input.path("identifier").asText() : null);
        ObjectNode body = SimServer.JSON.createObjectNode().put("stream", false);
        body.putObject("inputs");
        body.set("model_metadata", metadata);
        Optional<HttpResponse<String>> answer = toGateway(caller, url.get().toString(), "/v1/prompts/model_configuration%2Fcheck", body.toString());
        payload.set("result", answer.map(this::connectionResult).orElseGet(() -> probe("model_configuration_probe", false,
                "ERROR: Failed to open TCP connection to " + url.get().getAuthority() + " (Connection refused - connect(2))")));
        return payload;
    }

    private ObjectNode connectionResult(HttpResponse<String> answer) {
        if (answer.statusCode() == 200) {
            return probe("model_configuration_probe", true, "Successfully connected to the self-hosted model");
        }
        String detail;
        try {
            JsonNode parsed = SimServer.JSON.readTree(answer.body());
            detail = parsed.path("detail").isArray() ? parsed.path("detail").path(0).path("msg").asText()
                    : parsed.path("detail").asText(parsed.path("error").asText(answer.body()));
        } catch (IOException e) {
            detail = answer.body();
        }
        if (answer.statusCode() == 421) {
            return probe("model_configuration_probe", false, "ERROR: The self-hosted model server returned code " + detail);
        }
        return probe("model_configuration_probe", false, "ERROR: AI Gateway returned code " + answer.statusCode() + ": " + detail);
    }

    @Override
    public void close() {
        server.close();
    }
}
