package dev.duoconformance.simulator.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.simulator.fault.Fault;
import dev.duoconformance.simulator.gitlab.GitLabInstance.Caller;
import dev.duoconformance.simulator.server.SimServer;
import dev.duoconformance.simulator.server.SimServer.Request;
import dev.duoconformance.simulator.server.SimServer.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** GitLab's {@code POST /api/graphql}: the read-only queries and the connection-check mutation the suite sends. */
final class GitLabGraphQl {
    private static final String DUO_ENTERPRISE_ID = "gid://gitlab/GitlabSubscriptions::AddOnPurchase/3";
    /** ee/app/models/ai/feature_setting.rb: STABLE_FEATURES, and FLAGGED_FEATURES once the testing terms are accepted. */
    private static final List<String> STABLE_FEATURES = List.of(
            "code_generations",
            "code_completions",
            "duo_chat",
            "duo_chat_explain_code",
            "duo_chat_write_tests",
            "duo_chat_refactor_code",
            "duo_chat_fix_code",
            "review_merge_request",
            "duo_agent_platform",
            "duo_agent_platform_agentic_chat");

    private static final List<String> FLAGGED_FEATURES = List.of(
            "duo_chat_troubleshoot_job",
            "generate_commit_message",
            "summarize_new_merge_request",
            "duo_chat_explain_vulnerability",
            "resolve_vulnerability",
            "summarize_review",
            "glab_ask_git_command",
            "duo_chat_summarize_comments");

    /** GitLab's 3 s, doubled for loaded test machines (see connectionCheck). */
    static final java.time.Duration CONNECTION_CHECK_TIMEOUT = java.time.Duration.ofSeconds(6);

    private final GitLabInstance gitlab;
    private final GraphQlExecutor executor;
    private final DuoChat chat;

    GitLabGraphQl(GitLabInstance gitlab) {
        this.gitlab = gitlab;
        this.chat = new DuoChat(gitlab);
        this.executor = new GraphQlExecutor(new GitLabGraphQlSchema(), gitlab.version);
    }

    Response answer(Request request) {
        Optional<Caller> caller = gitlab.caller(request);
        if (caller.isEmpty()
                && (request.header("private-token").isPresent()
                        || request.header("authorization").isPresent())) {
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
        Optional<String> family = operation.fields().stream()
                .filter(f -> f.name().equals("aiSelfHostedModelConnectionCheck"))
                .map(f -> f.arguments()
                        .getOrDefault("input", NullNode.getInstance())
                        .path("model")
                        .asText(""))
                .findFirst();
        if (family.isPresent() && !acceptedFamilies().contains(family.get())) {
            // graphql-ruby's variable validation: a value outside the enum rejects the whole document, with no data.
            ObjectNode error = SimServer.JSON
                    .createObjectNode()
                    .put(
                            "message",
                            "Variable $model of type AiAcceptedSelfHostedModels! was " + "provided invalid value");
            ObjectNode problem = error.putObject("extensions")
                    .put("value", family.get())
                    .putArray("problems")
                    .addObject();
            problem.putArray("path");
            problem.put(
                    "explanation",
                    "Expected \"" + family.get() + "\" to be one of: " + String.join(", ", acceptedFamilies()));
            return Response.json(200, Map.of("errors", List.of(error)));
        }
        return executor.execute(operation, field -> resolve(field, reader));
    }

    /**
     * {@code AiAcceptedSelfHostedModels} (ee/app/graphql/types/ai/self_hosted_models/accepted_models_enum.rb): the 18.9
     * values; GEMINI from the release whose self-hosted models have a provider (AddProviderToAiSelfHostedModels, 18.11).
     */
    private List<String> acceptedFamilies() {
        List<String> families = new ArrayList<>(List.of(
                "CODEGEMMA",
                "CODELLAMA",
                "CODESTRAL",
                "MISTRAL",
                "MIXTRAL",
                "DEEPSEEKCODER",
                "LLAMA3",
                "CLAUDE_3",
                "GPT",
                "GENERAL"));
        if (gitlab.version.isAtLeast(GitLabVersion.of("18.11"))) {
            families.add("GEMINI");
        }
        return families;
    }

    private JsonNode resolve(GraphQlQuery.Field field, Optional<Caller> reader) {
        return switch (field.name()) {
            case "currentUser" -> reader.map(this::currentUser).orElse(NullNode.getInstance());
            case "aiFeatureSettings" ->
                reader.filter(gitlab::managesSelfHostedModels)
                        .map(c -> featureSettingNodes())
                        .orElse(NullNode.getInstance());
            case "aiSelfHostedModels" ->
                reader.filter(gitlab::managesSelfHostedModels)
                        .map(c -> modelNodes())
                        .orElse(NullNode.getInstance());
            case "duoSettings" ->
                duoSettings(reader.filter(gitlab::managesSelfHostedModels).isPresent());
            case "cloudConnectorStatus" ->
                healthCheck(reader.filter(Caller::adminRightsActive).orElseThrow(GraphQlExecutor.NotPermitted::new));
            case "addOnPurchases" ->
                addOnPurchases(reader.filter(Caller::adminRightsActive).orElseThrow(GraphQlExecutor.NotPermitted::new));
            case "selfManagedAddOnEligibleUsers" ->
                eligibleUsers(
                        reader.filter(Caller::adminRightsActive).orElseThrow(GraphQlExecutor.NotPermitted::new),
                        field.arguments());
            case "aiAction" ->
                chat.ask(
                        reader.filter(Caller::mayUseAi).orElseThrow(GraphQlExecutor.NotPermitted::new),
                        field.arguments());
            case "aiMessages" ->
                chat.messages(reader.orElseThrow(GraphQlExecutor.NotPermitted::new), field.arguments());
            case "aiSelfHostedModelConnectionCheck" ->
                connectionCheck(
                        reader.filter(Caller::mayMutate)
                                .filter(gitlab::managesSelfHostedModels)
                                .orElseThrow(GraphQlExecutor.NotPermitted::new),
                        field.arguments().get("input"));
            default -> NullNode.getInstance();
        };
    }

    private JsonNode currentUser(Caller caller) {
        return SimServer.JSON
                .createObjectNode()
                .put("id", "gid://gitlab/User/" + caller.id())
                .put("username", caller.username())
                .put("name", caller.username())
                .put(
                        "duoCodeSuggestionsAvailable",
                        gitlab.codeSuggestionsSwitchedOn() && gitlab.mayAccessCodeSuggestions(caller))
                .put("duoChatAvailable", gitlab.mayAccessCodeSuggestions(caller));
    }

    private JsonNode featureSettingNodes() {
        ObjectNode connection = SimServer.JSON.createObjectNode();
        ArrayNode nodes = connection.putArray("nodes");
        for (String feature : allowedFeatures()) {
            String[] setting = gitlab.featureSettings.getOrDefault(feature, new String[] {"unassigned", null});
            ObjectNode node = nodes.addObject()
                    .put("feature", feature)
                    .put("provider", setting[0])
                    .put("title", feature)
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

    /**
     * {@code Ai::FeatureSetting.allowed_features}: the stable features; the flagged (beta) ones only when
     * {@code Ai::TestingTermsAcceptance.has_accepted?}; without the two vulnerability features on a Premium license.
     */
    private List<String> allowedFeatures() {
        if (gitlab.version.isBefore(GitLabVersion.of("17.10"))) {
            return featuresBeforeSubFeaturesOn();
        }
        List<String> allowed = new ArrayList<>(STABLE_FEATURES);
        if (!gitlab.faults.contains(Fault.GITLAB_BETA_TERMS_NOT_ACCEPTED)) {
            allowed.addAll(FLAGGED_FEATURES);
        }
        if (gitlab.premium()) {
            allowed.removeAll(List.of("duo_chat_explain_vulnerability", "resolve_vulnerability"));
        }
        if (gitlab.faults.contains(Fault.DUO_CHAT_NOT_OFFERED)) {
            allowed.remove("duo_chat");
        }
        return allowed;
    }

    /**
     * 17.4–17.9 (the older ee/app/models/ai/feature_setting.rb): STABLE_FEATURES code_generations, code_completions and
     * duo_chat; the Chat sub-features (FLAGGED_FEATURES) only when {@code Feature.enabled?(:ai_duo_chat_sub_features_settings)},
     * which the simulated instance leaves off; MR 175349 offers them without the flag from 17.10.
     */
    private List<String> featuresBeforeSubFeaturesOn() {
        List<String> allowed = new ArrayList<>(List.of("code_generations", "code_completions", "duo_chat"));
        if (gitlab.faults.contains(Fault.DUO_CHAT_NOT_OFFERED)) {
            allowed.remove("duo_chat");
        }
        return allowed;
    }

    private JsonNode modelNodes() {
        ObjectNode connection = SimServer.JSON.createObjectNode();
        ArrayNode nodes = connection.putArray("nodes");
        gitlab.storedModels().forEach(m -> nodes.add(modelNode(m)));
        return connection;
    }

    private ObjectNode modelNode(GitLabSimulator.Model model) {
        ObjectNode node = SimServer.JSON
                .createObjectNode()
                .put("id", "gid://gitlab/Ai::SelfHostedModel/" + (gitlab.models.indexOf(model) + 1))
                .put("name", model.name())
                .put("model", model.family())
                .put("endpoint", model.endpoint())
                .put("identifier", model.identifier())
                .put("hasApiToken", model.apiToken() != null)
                .put("apiToken", model.apiToken())
                .put("releaseState", "GA");
        return node;
    }

    private JsonNode duoSettings(boolean authorized) {
        ObjectNode settings = SimServer.JSON.createObjectNode().put("updatedAt", "2025-06-01T10:00:00Z");
        settings.put(
                "aiGatewayUrl",
                authorized
                        ? gitlab.configuredGatewayUrl()
                                .map(u -> u.toString().replaceAll("/+$", ""))
                                .orElse(null)
                        : null);
        String agentPlatform = gitlab.faults.contains(Fault.AGENT_PLATFORM_URL_WITH_SCHEME)
                ? "http://" + gitlab.agentPlatformUrl
                : gitlab.agentPlatformUrl;
        settings.put("duoAgentPlatformServiceUrl", authorized ? agentPlatform : null);
        settings.put("aiGatewayTimeoutSeconds", authorized ? DuoChat.GATEWAY_TIMEOUT_SECONDS : null);
        // duo_settings_type.rb: authorize: :read_self_hosted_models_settings.
        if (authorized) {
            settings.put("selfHostedDuoAgentPlatformServiceSecure", gitlab.secureSetting());
        } else {
            settings.putNull("selfHostedDuoAgentPlatformServiceSecure");
        }
        return settings;
    }

    private JsonNode addOnPurchases(Caller caller) {
        ArrayNode purchases = SimServer.JSON.createArrayNode();
        if (!gitlab.faults.contains(Fault.NO_ADD_ON)) {
            purchases
                    .addObject()
                    .put("id", DUO_ENTERPRISE_ID)
                    .put("name", "DUO_ENTERPRISE")
                    .put("purchasedQuantity", 50)
                    .put("assignedQuantity", gitlab.faults.contains(Fault.NO_SEAT) ? 1 : 2);
        }
        if (gitlab.version.isAtLeast(GitLabVersion.of("18.0"))) {
            purchases
                    .addObject()
                    .put("id", "gid://gitlab/GitlabSubscriptions::AddOnPurchase/1")
                    .put("name", "DUO_CORE")
                    .put("purchasedQuantity", 100)
                    .put("assignedQuantity", 0);
        }
        return purchases;
    }

    private JsonNode eligibleUsers(Caller caller, Map<String, JsonNode> arguments) {
        String search = arguments.getOrDefault("search", NullNode.getInstance()).asText("");
        boolean askedForDuoEnterprise = arguments
                .getOrDefault("addOnPurchaseIds", NullNode.getInstance())
                .toString()
                .contains(DUO_ENTERPRISE_ID);
        ObjectNode connection = SimServer.JSON.createObjectNode();
        ArrayNode nodes = connection.putArray("nodes");
        for (Caller user : List.of(
                new Caller(1, "root", true, true, List.of()),
                new Caller(42, "duo-developer", false, false, List.of()))) {
            if (!user.username().contains(search)) {
                continue;
            }
            ObjectNode node = nodes.addObject()
                    .put("id", "gid://gitlab/User/" + user.id())
                    .put("username", user.username())
                    .put("name", user.username());
            ArrayNode assignments = node.putObject("addOnAssignments").putArray("nodes");
            if (askedForDuoEnterprise && gitlab.holdsSeat(user) && !gitlab.faults.contains(Fault.NO_ADD_ON)) {
                assignments
                        .addObject()
                        .putObject("addOnPurchase")
                        .put("id", DUO_ENTERPRISE_ID)
                        .put("name", "DUO_ENTERPRISE");
            }
        }
        return connection;
    }

    /**
     * The GitLab Duo health check, with the probes GitLab selects (ee/app/services/cloud_connector/status_checks/
     * status_service.rb {@code selected_probes}, probes/registry.rb): with a self-hosted AI gateway URL, the self-hosted
     * probes, preceded by the cloud ones when a feature uses a GitLab AI vendor model (hybrid); without one, the default
     * (cloud) probes, which run no probe of a self-hosted gateway. From 18.10 the simulator serves the newest registry.rb
     * revision seen (its release is not confirmed, only that 18.9.0-pre lacks it): the foundational flows probes, the
     * Agent Platform probes of both deployments (the cloud-connected one unless the license is an offline cloud license),
     * and the usage billing probes when self-hosted Agent Platform billing is on.
     */
    private JsonNode healthCheck(Caller caller) {
        List<ObjectNode> probes = new ArrayList<>();
        Optional<URI> url = gitlab.configuredGatewayUrl();
        boolean newer = gitlab.version.isAtLeast(GitLabInstance.TLS_SETTING);
        // at_least_one_vendored_feature?: ::Ai::FeatureSetting.vendored.exists?
        boolean vendored = gitlab.featureSettings.values().stream().anyMatch(s -> "vendored".equals(s[0]));
        if (url.isEmpty() || gitlab.faults.contains(Fault.GITLAB_HEALTH_CHECK_NO_GATEWAY_PROBE)) {
            probes.addAll(defaultProbes(true, newer));
        } else {
            if (vendored) {
                // probes_for_vendored_features: the default probes, without end_to_end_probe unless code_completions is
                // vendored
                // (and, from 18.10, without the Agent Platform and billing probes, which come after the self-hosted
                // ones).
                probes.addAll(defaultProbes(
                                "vendored"
                                        .equals(gitlab.featureSettings
                                                .getOrDefault("code_completions", new String[] {""})[0]),
                                newer)
                        .stream()
                        .filter(p -> !newer || !appended(p))
                        .toList());
            }
            probes.add(probe(
                    "ai_gateway_url_presence_probe",
                    true,
                    "Self hosted AI Gateway URL is set to " + url.get()
                            + ". It can be changed in the Gitlab Duo configuration."));
            probes.add(hostProbe(url.get()));
            probes.add(probe(
                    "code_suggestions_license_probe",
                    gitlab.mayAccessCodeSuggestions(caller),
                    gitlab.mayAccessCodeSuggestions(caller)
                            ? "License includes access to Code Suggestions."
                            : gitlab.licensed()
                                    ? "License includes access to Code Suggestions, but you lack the necessary permissions to use this feature."
                                    : "License does not provide access to Code Suggestions."));
            if (newer) {
                if (!vendored) {
                    probes.addAll(foundationalFlowsProbes());
                }
                probes.addAll(agentPlatformProbes());
                probes.addAll(billingProbes());
            } else if (!vendored) {
                probes.add(agentPlatformProbe());
            }
            if (gitlab.faults.contains(Fault.HEALTH_CHECK_401)) {
                probes.add(probe(
                        "end_to_end_probe",
                        false,
                        "Authentication with the AI gateway services failed: "
                                + "AI Gateway returned code 401: {\"error\":\"Forbidden by auth provider\"}"));
            }
            if (gitlab.faults.contains(Fault.HEALTH_CHECK_UNKNOWN_PROBE)) {
                // A probe of a later release the suite does not know: its name and message are placeholders.
                probes.add(probe("later_release_probe", false, "A check of a later GitLab release failed."));
            }
        }
        ObjectNode status = SimServer.JSON
                .createObjectNode()
                .put("success", probes.stream().allMatch(p -> p.path("success").asBoolean()));
        ArrayNode results = status.putArray("probeResults");
        probes.forEach(results::add);
        return status;
    }

    private static boolean appended(ObjectNode probe) {
        return probe.path("name").asText().equals("duo_agent_platform_probe")
                || probe.path("name").asText().startsWith("billing_");
    }

    /** An instance whose firewall lets it reach cloud.gitlab.com and customers.gitlab.com (and whose license is not offline). */
    private boolean online() {
        return gitlab.faults.contains(Fault.GITLAB_HYBRID)
                || gitlab.faults.contains(Fault.GITLAB_HEALTH_CHECK_NO_GATEWAY_PROBE)
                || gitlab.faults.contains(Fault.DUO_CHAT_VENDORED)
                || gitlab.faults.contains(Fault.AGENT_PLATFORM_CLOUD_BLOCKED)
                || gitlab.faults.contains(Fault.AGENT_PLATFORM_SPLIT_WITH_TLS)
                || gitlab.faults.contains(Fault.AGENT_PLATFORM_SPLIT_WITHOUT_TLS);
    }

    /**
     * registry.rb {@code default_probes}: the license, the two cloud hosts (customers.gitlab.com, cloud.gitlab.com), access,
     * token, end-to-end and Agent Platform probes (from 18.10 also the foundational flows and billing probes). The cloud
     * hosts are reachable only from an online instance; the license, access and token messages are placeholders (the
     * checks judge those probes by name and success only).
     */
    private List<ObjectNode> defaultProbes(boolean endToEnd, boolean newer) {
        boolean online = online();
        List<ObjectNode> probes = new ArrayList<>();
        probes.add(probe("license_probe", true, "Subscription can be synchronized."));
        for (String host : List.of("customers.gitlab.com", "cloud.gitlab.com")) {
            probes.add(
                    online
                            ? probe("host_probe", true, host + " reachable.")
                            : probe(
                                    "host_probe",
                                    false,
                                    host + " connection failed: getaddrinfo: Name or service not known."
                                            + "\n\nIf you use firewalls or proxy servers, they must allow traffic to this host."));
        }
        probes.add(probe(
                "access_probe",
                online,
                online ? "Subscription synchronized successfully." : "Access data is missing."));
        probes.add(probe("token_probe", online, online ? "Access credentials are valid." : "Access token is missing."));
        if (endToEnd) {
            probes.add(
                    probe(
                            "end_to_end_probe",
                            online,
                            online
                                    ? "Authentication with the AI gateway services succeeded."
                                    : "Authentication with the AI gateway services failed: Failed to open TCP connection to cloud.gitlab.com:443."));
        }
        if (newer) {
            probes.addAll(agentPlatformProbes());
            probes.addAll(foundationalFlowsProbes());
            probes.addAll(billingProbes());
        } else {
            // Up to 18.9: one DuoAgentPlatformProbe for the Agent Platform's feature setting (Client.url_for: GitLab's
            // service
            // when the feature is vendored).
            probes.add(
                    agentPlatformVendored()
                            ? cloudAgentPlatformProbe("GitLab Duo Workflow Service at %s is %s.", "not operational")
                            : agentPlatformProbe());
        }
        return probes;
    }

    private boolean agentPlatformVendored() {
        return "vendored".equals(gitlab.featureSettings.getOrDefault("duo_agent_platform", new String[] {""})[0]);
    }

    /**
     * registry.rb {@code foundational_flows_probes} (newer releases): probes/foundational_flows/allow_flow_execution_probe.rb
     * ({@code duo_remote_flows_enabled}), allow_foundational_flows_probe.rb ({@code duo_foundational_flows_enabled}) and
     * compatible_runner_probe.rb (an active instance runner of the workload tag with a Docker-compatible executor; the
     * tag's value is a placeholder).
     */
    private List<ObjectNode> foundationalFlowsProbes() {
        boolean flowsOff = gitlab.faults.contains(Fault.HEALTH_CHECK_FLOWS_OFF);
        boolean noRunner = flowsOff || gitlab.faults.contains(Fault.HEALTH_CHECK_NO_COMPATIBLE_RUNNER);
        return List.of(
                probe(
                        "allow_flow_execution_probe",
                        !flowsOff,
                        flowsOff
                                ? "The allow flow execution setting is disabled."
                                : "The allow flow execution setting is enabled."),
                probe(
                        "allow_foundational_flows_probe",
                        !flowsOff,
                        flowsOff
                                ? "The allow foundational flows setting is disabled."
                                : "The allow foundational flows setting is enabled."),
                noRunner
                        ? probe(
                                "compatible_runner_probe",
                                false,
                                "No instance runner with the 'gitlab--duo' tag is registered. Register an active "
                                        + "instance runner with this tag and a Docker-compatible executor (such as docker, docker-autoscaler, or kubernetes) "
                                        + "to run foundational flows.")
                        : probe("compatible_runner_probe", true, "A compatible runner is available."));
    }

    /**
     * registry.rb {@code duo_agent_platform_probes} (newer releases): probes/duo_agent_platform_probe.rb for GitLab's
     * service unless the license is an offline cloud license, and for the self-hosted service when its URL is set; the
     * cloud-connected one speaks TLS as the variable says ({@code secure?} with a feature setting that is not self-hosted).
     */
    private List<ObjectNode> agentPlatformProbes() {
        List<ObjectNode> probes = new ArrayList<>();
        if (online()) {
            probes.add(cloudAgentPlatformProbe(
                    "The cloud-connected GitLab Duo Agent Platform service at %s is %s.", "not reachable"));
        }
        probes.add(agentPlatformProbe());
        return probes;
    }

    private static final String CLOUD_AGENT_PLATFORM = "duo-workflow-svc.runway.gitlab.net:443";

    /** GitLab's own Agent Platform service (Client.cloud_connected_url), TLS unless the variable is false. */
    private ObjectNode cloudAgentPlatformProbe(String format, String failed) {
        Optional<String> error = gitlab.faults.contains(Fault.AGENT_PLATFORM_CLOUD_BLOCKED)
                ? Optional.of(
                        "14:failed to connect to all addresses; last error: UNAVAILABLE: ipv4:34.149.72.10:443: Failed to connect to "
                                + "remote host: Connection refused")
                : gitlab.secureVariable()
                        ? Optional.empty()
                        : Optional.of(
                                "14:failed to connect to all addresses; last error: UNAVAILABLE: ipv4:34.149.72.10:443: Socket closed");
        ObjectNode probe = probe(
                "duo_agent_platform_probe",
                error.isEmpty(),
                String.format(format, CLOUD_AGENT_PLATFORM, error.isEmpty() ? "operational" : failed));
        error.ifPresent(((ArrayNode) probe.path("errors"))::add);
        return probe;
    }

    /**
     * registry.rb {@code self_hosted_billing_probes}, when {@code Ai::SelfHostedDapBilling.self_hosted_dap_billing_enabled?}
     * and a self-hosted Agent Platform URL is set: probes/self_hosted/billing_customers_dot_probe.rb and
     * billing_cloud_ai_gateway_probe.rb (host probes), billing_duo_workflow_service_probe.rb (GitLab's Agent Platform service).
     */
    private List<ObjectNode> billingProbes() {
        if (!gitlab.faults.contains(Fault.HEALTH_CHECK_BILLING_OFFLINE)) {
            return List.of();
        }
        String unreachable =
                " connection failed: getaddrinfo: Name or service not known.\n\nIf you use firewalls or proxy servers, they must "
                        + "allow traffic to this host.";
        return List.of(
                probe("billing_customers_dot_probe", false, "customers.gitlab.com" + unreachable),
                probe("billing_cloud_ai_gateway_probe", false, "cloud.gitlab.com" + unreachable),
                probe(
                        "billing_duo_workflow_service_probe",
                        false,
                        "The cloud GitLab Duo Agent Platform service at " + CLOUD_AGENT_PLATFORM
                                + " is not reachable. Self-hosted GitLab Duo usage billing will fail until connectivity is restored."));
    }

    /**
     * probes/duo_agent_platform_probe.rb: GitLab's gRPC channel to the self-hosted Agent Platform service, spoken as
     * {@code secure?} says for a self-hosted feature (the setting from 18.10), its error text in errors[]; from 18.10 the
     * message names the deployment and adds the TLS guidance on a TLS mismatch.
     */
    private ObjectNode agentPlatformProbe() {
        String host = gitlab.agentPlatformUrl;
        boolean secure = gitlab.selfHostedChannelSecure();
        Optional<String> error = gitlab.agentPlatformError(secure);
        boolean newer = gitlab.version.isAtLeast(GitLabInstance.TLS_SETTING);
        if (error.isPresent()) {
            String message = newer
                    ? "The self-hosted GitLab Duo Agent Platform service at " + host + " is not reachable."
                    : "GitLab Duo Workflow Service at " + host + " is not operational.";
            if (newer && secure && error.get().matches("(?i).*(ssl handshake failed|wrong_version_number|tls).*")) {
                message +=
                        " It fails with a TLS mismatch error. If your self-hosted Duo Agent Platform service endpoint does not support TLS, "
                                + "turn off TLS connection to the GitLab Duo Agent Platform service ";
            }
            ObjectNode probe = probe("duo_agent_platform_probe", false, message);
            ((ArrayNode) probe.path("errors")).add(error.get());
            return probe;
        }
        return probe(
                "duo_agent_platform_probe",
                true,
                newer
                        ? "The self-hosted GitLab Duo Agent Platform service at " + host + " is operational."
                        : "GitLab Duo Workflow Service at " + host + " is operational.");
    }

    /**
     * probes/host_probe.rb: {@code Gitlab::HTTP.head(@uri, timeout: 5)}: any HTTP status means reachable; only an
     * exception (refused, DNS, TLS, timeout) fails, with "{@code <host> connection failed: <error>.}".
     */
    private ObjectNode hostProbe(URI url) {
        Optional<String> failure = gitlab.head(url);
        return failure.isEmpty()
                ? probe("host_probe", true, url.getHost() + " reachable.")
                : probe(
                        "host_probe",
                        false,
                        url.getHost() + " connection failed: " + failure.get()
                                + ".\n\nIf you use firewalls or proxy servers, they must allow traffic to this host.");
    }

    private ObjectNode probe(String name, boolean success, String message) {
        ObjectNode probe = SimServer.JSON
                .createObjectNode()
                .put("name", name)
                .put("success", success)
                .put("message", message);
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
            payload.set(
                    "result",
                    probe(
                            "model_configuration_probe",
                            false,
                            "You have not configured your local AI gateway URL. Configure the URL in the GitLab Duo configuration settings."));
            return payload;
        }
        ObjectNode metadata = SimServer.JSON
                .createObjectNode()
                .put("name", input.path("model").asText().toLowerCase())
                .put("endpoint", input.path("endpoint").asText(""))
                .put(
                        "api_key",
                        input.path("apiToken").isTextual()
                                ? input.path("apiToken").asText()
                                : null)
                .put("provider", "openai")
                .put(
                        "identifier",
                        input.path("identifier").isTextual()
                                ? input.path("identifier").asText()
                                : null);
        ObjectNode body = SimServer.JSON.createObjectNode().put("stream", false);
        body.putObject("inputs");
        body.set("model_metadata", metadata);
        // ee/lib/gitlab/llm/ai_gateway/code_suggestions_client.rb: COMPLETION_CHECK_TIMEOUT = 3.seconds; an exception's
        // message
        // becomes the probe's "ERROR: %{error}". The simulator doubles it (CONNECTION_CHECK_TIMEOUT) so that a loaded
        // test
        // machine does not time out a healthy model; its slow model takes longer than both.
        GitLabInstance.GatewayCall call = gitlab.call(
                caller,
                url.get().toString(),
                "/v1/prompts/model_configuration%2Fcheck",
                body.toString(),
                CONNECTION_CHECK_TIMEOUT);
        payload.set(
                "result",
                call.answer()
                        .map(this::connectionResult)
                        .orElseGet(() -> probe("model_configuration_probe", false, "ERROR: " + call.error())));
        return payload;
    }

    private ObjectNode connectionResult(HttpResponse<String> answer) {
        if (answer.statusCode() == 200) {
            return probe("model_configuration_probe", true, "Successfully connected to the self-hosted model");
        }
        String detail;
        try {
            JsonNode parsed = SimServer.JSON.readTree(answer.body());
            detail = parsed.path("detail").isArray()
                    ? parsed.path("detail").path(0).path("msg").asText()
                    : parsed.path("detail").asText(parsed.path("error").asText(answer.body()));
        } catch (IOException e) {
            detail = answer.body();
        }
        if (answer.statusCode() == 421) {
            return probe(
                    "model_configuration_probe", false, "ERROR: The self-hosted model server returned code " + detail);
        }
        return probe(
                "model_configuration_probe",
                false,
                "ERROR: AI Gateway returned code " + answer.statusCode() + ": " + detail);
    }
}
