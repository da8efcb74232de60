package dev.duoconformance.simulator.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.simulator.fault.Fault;
import dev.duoconformance.simulator.gitlab.GitLabInstance.Caller;
import dev.duoconformance.simulator.server.SimServer.Request;
import dev.duoconformance.simulator.server.SimServer.Response;
import dev.duoconformance.simulator.server.SimServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** GitLab's {@code POST /api/graphql}: the read-only queries and the connection-check mutation the suite sends. */
final class GitLabGraphQl {
    private static final String DUO_ENTERPRISE_ID = "gid://gitlab/GitlabSubscriptions::AddOnPurchase/3";
    private static final List<String> FEATURES = List.of("code_generations", "code_completions", "duo_chat", "duo_chat_explain_code",
            "duo_chat_write_tests", "duo_chat_refactor_code", "duo_chat_fix_code", "review_merge_request");

    private final GitLabInstance gitlab;
    private final GraphQlExecutor executor;

    GitLabGraphQl(GitLabInstance gitlab) {
        this.gitlab = gitlab;
        this.executor = new GraphQlExecutor(new GitLabGraphQlSchema(), gitlab.version);
    }

    Response answer(Request request) {
        Optional<Caller> caller = gitlab.caller(request);
        if (caller.isEmpty() && (request.header("private-token").isPresent() || request.header("authorization").isPresent())) {
            return Response.json(401, Map.of("errors", List.of(Map.of("message", "Invalid token"))));
        }
        if (gitlab.faults.contains(Fault.GITLAB_GRAPHQL_ERRORS)) {
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
        return executor.execute(operation, field -> resolve(field, reader));
    }

    private JsonNode resolve(GraphQlQuery.Field field, Optional<Caller> reader) {
        return switch (field.name()) {
            case "currentUser" -> reader.map(this::currentUser).orElse(NullNode.getInstance());
            case "aiFeatureSettings" -> reader.filter(gitlab::managesSelfHostedModels).map(c -> featureSettingNodes()).orElse(NullNode.getInstance());
            case "aiSelfHostedModels" -> reader.filter(gitlab::managesSelfHostedModels).map(c -> modelNodes()).orElse(NullNode.getInstance());
            case "duoSettings" -> duoSettings(reader.filter(gitlab::managesSelfHostedModels).isPresent());
            case "cloudConnectorStatus" -> healthCheck(reader.filter(Caller::adminRightsActive).orElseThrow(GraphQlExecutor.NotPermitted::new));
            case "addOnPurchases" -> addOnPurchases(reader.filter(Caller::adminRightsActive).orElseThrow(GraphQlExecutor.NotPermitted::new));
            case "selfManagedAddOnEligibleUsers" -> eligibleUsers(reader.filter(Caller::adminRightsActive).orElseThrow(GraphQlExecutor.NotPermitted::new),
                    field.arguments());
            case "aiSelfHostedModelConnectionCheck" -> connectionCheck(
                    reader.filter(gitlab::managesSelfHostedModels).orElseThrow(GraphQlExecutor.NotPermitted::new), field.arguments().get("input"));
            default -> NullNode.getInstance();
        };
    }

    private JsonNode currentUser(Caller caller) {
        return SimServer.JSON.createObjectNode().put("id", "gid://gitlab/User/" + caller.id()).put("username", caller.username())
                .put("name", caller.username())
                .put("duoCodeSuggestionsAvailable", gitlab.codeSuggestionsSwitchedOn() && gitlab.mayAccessCodeSuggestions(caller))
                .put("duoChatAvailable", gitlab.mayAccessCodeSuggestions(caller));
    }

    private JsonNode featureSettingNodes() {
        ObjectNode connection = SimServer.JSON.createObjectNode();
        ArrayNode nodes = connection.putArray("nodes");
        for (String feature : FEATURES) {
            String[] setting = gitlab.featureSettings.getOrDefault(feature, new String[] {"unassigned", null});
            ObjectNode node = nodes.addObject().put("feature", feature).put("provider", setting[0]).put("title", feature)
                    .put("releaseState", "GA");
            Optional<GitLabSimulator.Model> model = gitlab.modelFor(feature);
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
        gitlab.storedModels().forEach(m -> nodes.add(modelNode(m)));
        return connection;
    }

    private ObjectNode modelNode(GitLabSimulator.Model model) {
        ObjectNode node = SimServer.JSON.createObjectNode().put("id", "gid://gitlab/Ai::SelfHostedModel/" + (gitlab.models.indexOf(model) + 1))
                .put("name", model.name()).put("model", model.family()).put("endpoint", model.endpoint())
                .put("identifier", model.identifier()).put("hasApiToken", model.apiToken() != null).put("apiToken", model.apiToken())
                .put("releaseState", "GA");
        return node;
    }

    private JsonNode duoSettings(boolean authorized) {
        ObjectNode settings = SimServer.JSON.createObjectNode().put("updatedAt", "2025-06-01T10:00:00Z");
        settings.put("aiGatewayUrl", authorized ? gitlab.configuredGatewayUrl().map(u -> u.toString().replaceAll("/+$", "")).orElse(null) : null);
        String agentPlatform = gitlab.faults.contains(Fault.AGENT_PLATFORM_URL_WITH_SCHEME) ? "http://" + GitLabSimulator.AGENT_PLATFORM_URL : GitLabSimulator.AGENT_PLATFORM_URL;
        settings.put("duoAgentPlatformServiceUrl", authorized ? agentPlatform : null);
        return settings;
    }

    private JsonNode addOnPurchases(Caller caller) {
        ArrayNode purchases = SimServer.JSON.createArrayNode();
        if (!gitlab.faults.contains(Fault.NO_ADD_ON)) {
            purchases.addObject().put("id", DUO_ENTERPRISE_ID).put("name", "DUO_ENTERPRISE").put("purchasedQuantity", 50)
                    .put("assignedQuantity", gitlab.faults.contains(Fault.NO_SEAT) ? 1 : 2);
        }
        if (gitlab.version.isAtLeast(GitLabVersion.of("18.0"))) {
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
            if (askedForDuoEnterprise && gitlab.holdsSeat(user) && !gitlab.faults.contains(Fault.NO_ADD_ON)) {
                assignments.addObject().putObject("addOnPurchase").put("id", DUO_ENTERPRISE_ID).put("name", "DUO_ENTERPRISE");
            }
        }
        return connection;
    }

    /** The self-hosted probes of the GitLab Duo health check, run against the configured AI gateway URL. */
    private JsonNode healthCheck(Caller caller) {
        List<ObjectNode> probes = new ArrayList<>();
        Optional<URI> url = gitlab.configuredGatewayUrl();
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
            probes.add(probe("code_suggestions_license_probe", gitlab.mayAccessCodeSuggestions(caller), gitlab.mayAccessCodeSuggestions(caller)
                    ? "License includes access to Code Suggestions."
                    : gitlab.licensed() ? "License includes access to Code Suggestions, but you lack the necessary permissions to use this feature."
                    : "License does not provide access to Code Suggestions."));
            if (gitlab.faults.contains(Fault.HEALTH_CHECK_401)) {
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
            if (gitlab.faults.contains(Fault.GITLAB_CANNOT_REACH_AIGW)) {
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
        Optional<URI> url = gitlab.configuredGatewayUrl();
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
        Optional<HttpResponse<String>> answer = gitlab.toGateway(caller, url.get().toString(), "/v1/prompts/model_configuration%2Fcheck", body.toString());
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
}
