package dev.duoconformance.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.behaviour.AdminMode;
import dev.duoconformance.config.Environment;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every request the suite sends to GitLab (REST v4 and GraphQL), as an administrator or as the Duo user, each at
 * most once per run. Only reads, plus the three side-effect-free POSTs the doc itself uses as probes: a code
 * completion, a direct-access token, and the model connection check (which builds an unsaved model).
 */
public final class GitLabClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whose token a request carries, and how to configure it. */
    public enum Identity {
        ADMIN("gitlab.admin_token", "an administrator's personal access token with the api and admin_mode scopes"),
        USER(
                "gitlab.user_token",
                "a personal access token, with the api scope, of a user who holds a GitLab Duo Enterprise seat");

        private final String key;
        private final String description;

        Identity(String key, String description) {
            this.key = key;
            this.description = description;
        }

        public String key() {
            return key;
        }

        public String description() {
            return description;
        }
    }

    static final String CURRENT_USER = "query { currentUser { username duoCodeSuggestionsAvailable } }";
    static final String FEATURE_SETTINGS =
            "query { aiFeatureSettings { nodes { feature provider selfHostedModel { name endpoint identifier } } } }";
    static final String SELF_HOSTED_MODELS =
            "query { aiSelfHostedModels { nodes { name model endpoint identifier hasApiToken } } }";
    static final String GATEWAY_URL = "query { duoSettings { aiGatewayUrl } }";
    static final String AGENT_PLATFORM_URL = "query { duoSettings { duoAgentPlatformServiceUrl } }";
    /** Its own query: the field came with the 18.10 setting, and an older GitLab rejects the whole query. */
    static final String AGENT_PLATFORM_SECURE = "query { duoSettings { selfHostedDuoAgentPlatformServiceSecure } }";
    /** Its own query: a GitLab without the field (before 18.7) rejects the whole query, which must not take aiGatewayUrl with it. */
    static final String GATEWAY_TIMEOUT = "query { duoSettings { aiGatewayTimeoutSeconds } }";
    /** The opt-in Duo Chat question ({@code -Dchat=true}): the suite's only write. */
    private static final String VERSION = "/api/v4/version";

    private static final String USER = "/api/v4/user";
    private static final String TOKEN = "/api/v4/personal_access_tokens/self";
    private static final String COMPLETIONS = "/api/v4/code_suggestions/completions";
    private static final String DIRECT_ACCESS = "/api/v4/code_suggestions/direct_access";
    public static final String CHAT_QUESTION_TEXT = "duo-conformance: reply with the single word OK.";
    /** What the chat opt-in ({@code -Dchat=true}) lets the suite do, as the report says it. */
    public static final String CHAT_OPT_IN =
            "one GitLab Duo Chat question as the Duo user (aiAction chat \"" + CHAT_QUESTION_TEXT
                    + "\", then aiMessages), which adds the question and its answer to the Duo user's current Duo Chat conversation on the instance";
    /**
     * The chat question without a thread or conversation type, so GitLab adds it to the user's current (legacy) Duo Chat
     * conversation on every version (ee/lib/gitlab/llm/thread_ensurer.rb {@code ensure_legacy_thread}) rather than open a
     * thread per run, which 17.9–18.1 do only behind the flag duo_chat_early_thread_creation. From 17.9 the answer names
     * that thread ({@code threadId}, MR 177053); before 17.9 GitLab has no such field and rejects a document that asks for it.
     */
    static final String CHAT_QUESTION =
            "mutation($content: String!) { aiAction(input: {chat: {content: $content}}) { requestId threadId errors } }";

    static final String CHAT_QUESTION_BEFORE_THREADS =
            "mutation($content: String!) { aiAction(input: {chat: {content: $content}}) { requestId errors } }";
    static final String CHAT_ANSWER =
            "query($threadId: AiConversationThreadID, $ids: [ID!]) { aiMessages(threadId: $threadId, "
                    + "requestIds: $ids, roles: [ASSISTANT]) { nodes { requestId role content errors chunkId timestamp } } }";
    static final String CHAT_ANSWER_BEFORE_THREADS =
            "query($ids: [ID!]) { aiMessages(requestIds: $ids, roles: [ASSISTANT]) { "
                    + "nodes { requestId role content errors chunkId timestamp } } }";
    /** The release whose chat API has conversation threads ({@code threadId}, MR 177053 in CHANGELOG.md 17.9.0). */
    public static final GitLabVersion CHAT_THREADS = GitLabVersion.of("17.9");

    static final String HEALTH_CHECK =
            "query { cloudConnectorStatus { success probeResults { name success message } } }";
    static final String ADD_ON_PURCHASES = "query { addOnPurchases { id name purchasedQuantity assignedQuantity } }";
    static final String SEAT = "query($purchaseIds: [GitlabSubscriptionsAddOnPurchaseID!]!, $search: String) { "
            + "selfManagedAddOnEligibleUsers(addOnType: DUO_ENTERPRISE, addOnPurchaseIds: $purchaseIds, search: $search) { "
            + "nodes { username addOnAssignments(addOnPurchaseIds: $purchaseIds) { nodes { addOnPurchase { name } } } } } }";
    static final String CONNECTION_CHECK =
            "mutation($name: String!, $model: AiAcceptedSelfHostedModels!, $endpoint: String!, "
                    + "$apiToken: String, $identifier: String) { aiSelfHostedModelConnectionCheck(input: {name: $name, model: $model, "
                    + "endpoint: $endpoint, apiToken: $apiToken, identifier: $identifier}) { result { name success message } errors } }";
    /** A tiny Python file; the model only has to complete one line. */
    static final String COMPLETION_REQUEST = "{\"current_file\":{\"file_name\":\"duo_conformance_probe.py\","
            + "\"content_above_cursor\":\"def add(a, b):\\n    \",\"content_below_cursor\":\"\"},\"intent\":\"completion\",\"stream\":false}";

    private final Map<Identity, Endpoint> endpoints;
    private final Endpoint anonymous;
    private final Transport transport;
    private final Memo memo;
    private final Consumer<Exchange> evidence;

    /**
     * {@code endpoints} holds an endpoint for each identity whose token is configured; {@code anonymous} is the same
     * instance without a token, for the one request that asks whether GitLab answers at all when no token is set.
     */
    public GitLabClient(
            Map<Identity, Endpoint> endpoints,
            Endpoint anonymous,
            Transport transport,
            Memo memo,
            Consumer<Exchange> evidence) {
        this.endpoints = endpoints.isEmpty() ? Map.of() : new EnumMap<>(endpoints);
        this.anonymous = anonymous;
        this.transport = transport;
        this.memo = memo;
        this.evidence = evidence;
    }

    public boolean has(Identity identity) {
        return endpoints.containsKey(identity);
    }

    /** {@code GET /api/v4/version}, read once with whichever token is configured (any authenticated user may read it). */
    public Exchange version() {
        Identity reader = has(Identity.ADMIN) ? Identity.ADMIN : Identity.USER;
        return get(reader, "version", VERSION);
    }

    /**
     * Whether GitLab's API answers at all: {@link #version()} with a token when one is configured (the same request the
     * version gate reads), else {@code GET /api/v4/version} without one, which GitLab's API answers 401 with JSON.
     */
    public Exchange reachability() {
        if (has(Identity.ADMIN) || has(Identity.USER)) {
            return version();
        }
        return used(memo.once("gitlab:anonymous:version", () -> transport.get(anonymous, VERSION)));
    }

    /**
     * The instance's version, when {@link #version()} answered with one; empty without any token, as
     * {@code GET /api/v4/version} needs authentication (lib/api/metadata.rb {@code before { authenticate! }}).
     */
    public Optional<GitLabVersion> instanceVersion() {
        if (!has(Identity.ADMIN) && !has(Identity.USER)) {
            return Optional.empty();
        }
        Exchange version = version();
        if (version.status() != 200) {
            return Optional.empty();
        }
        return version.json().flatMap(j -> GitLabVersion.parse(j.path("version").asText(null)));
    }

    /**
     * Why a token cannot be used as the given identity, in words that say what to change; empty when it can.
     * Reads {@code GET /api/v4/user} and {@code GET /api/v4/personal_access_tokens/self}; for an administrator without the
     * admin_mode scope, also the admin-only {@code GET /api/v4/license} ({@link AdminMode}).
     */
    public Optional<String> identityProblem(Identity identity) {
        return memo.once(
                "gitlab:" + identity + ":problem",
                () -> new TokenDiagnosis(
                                identity,
                                get(identity, "user", USER),
                                () -> get(identity, "token", TOKEN),
                                this::license)
                        .problem());
    }

    /** The token's scopes, from the {@code GET /api/v4/personal_access_tokens/self} read to diagnose it; empty when unknown. */
    public List<String> tokenScopes(Identity identity) {
        return has(identity) ? TokenDiagnosis.scopesOf(get(identity, "token", TOKEN)) : List.of();
    }

    /** Admin: {@code GET /api/v4/license} — plan, expiry. */
    public Exchange license() {
        return get(Identity.ADMIN, "license", "/api/v4/license");
    }

    /** Admin: {@code GET /api/v4/features} — the feature flags that were ever set, with their state. */
    public Exchange features() {
        return get(Identity.ADMIN, "features", "/api/v4/features");
    }

    /** User: {@code currentUser { username duoCodeSuggestionsAvailable }}. */
    public GraphQlAnswer currentUser() {
        return graphQl(Identity.USER, "current-user", CURRENT_USER, JSON.createObjectNode());
    }

    /** Admin: which model serves each Duo feature ({@code aiFeatureSettings}, 17.4+). */
    public GraphQlAnswer featureSettings() {
        return graphQl(Identity.ADMIN, "feature-settings", FEATURE_SETTINGS, JSON.createObjectNode());
    }

    /** Admin: the self-hosted models GitLab knows ({@code aiSelfHostedModels}); {@code hasApiToken}, never the token. */
    public GraphQlAnswer selfHostedModels() {
        return graphQl(Identity.ADMIN, "self-hosted-models", SELF_HOSTED_MODELS, JSON.createObjectNode());
    }

    /** Admin: {@code duoSettings { aiGatewayUrl }} (17.9+). */
    public GraphQlAnswer gatewayUrl() {
        return graphQl(Identity.ADMIN, "gateway-url", GATEWAY_URL, JSON.createObjectNode());
    }

    /** Admin: {@code duoSettings { duoAgentPlatformServiceUrl }} (18.4+). */
    public GraphQlAnswer agentPlatformUrl() {
        return graphQl(Identity.ADMIN, "agent-platform-url", AGENT_PLATFORM_URL, JSON.createObjectNode());
    }

    /**
     * Admin: {@code duoSettings { selfHostedDuoAgentPlatformServiceSecure }} (18.10+), the checkbox "Use TLS for the GitLab
     * Duo Agent Platform service" (ee/app/graphql/types/ai/duo_settings/duo_settings_type.rb).
     */
    public GraphQlAnswer agentPlatformSecure() {
        return graphQl(Identity.ADMIN, "agent-platform-secure", AGENT_PLATFORM_SECURE, JSON.createObjectNode());
    }

    /** Admin: {@code duoSettings { aiGatewayTimeoutSeconds }} (18.7+), how long GitLab waits for the AI gateway. */
    public GraphQlAnswer gatewayTimeout() {
        return graphQl(Identity.ADMIN, "gateway-timeout", GATEWAY_TIMEOUT, JSON.createObjectNode());
    }

    /**
     * User, opt-in only: one GitLab Duo Chat question ({@code aiAction} chat), sent once per run. It writes: GitLab adds the
     * question and its answer to the Duo user's current Duo Chat conversation. Asks for {@code threadId} only from 17.9.
     */
    public GraphQlAnswer askChat() {
        return graphQl(
                Identity.USER,
                "chat-question",
                hasChatThreads() ? CHAT_QUESTION : CHAT_QUESTION_BEFORE_THREADS,
                JSON.createObjectNode().put("content", CHAT_QUESTION_TEXT));
    }

    /**
     * User: the assistant's answer to the chat question ({@code aiMessages}); {@code attempt} numbers the polls. The
     * thread, when the question's answer named one (17.9+); without it GitLab reads the user's current conversation.
     */
    public GraphQlAnswer chatAnswer(Optional<String> threadId, String requestId, int attempt) {
        ObjectNode variables = JSON.createObjectNode();
        threadId.ifPresent(id -> variables.put("threadId", id));
        variables.putArray("ids").add(requestId);
        return graphQl(
                Identity.USER,
                "chat-answer:" + attempt,
                threadId.isPresent() ? CHAT_ANSWER : CHAT_ANSWER_BEFORE_THREADS,
                variables);
    }

    /** Whether the instance's chat API has threads (17.9+); an unknown version is taken as a current one. */
    private boolean hasChatThreads() {
        return instanceVersion().map(v -> v.isAtLeast(CHAT_THREADS)).orElse(true);
    }

    /** Admin: the GitLab Duo health check ({@code cloudConnectorStatus}); GitLab runs its probes when asked. */
    public GraphQlAnswer healthCheck() {
        return graphQl(Identity.ADMIN, "health-check", HEALTH_CHECK, JSON.createObjectNode());
    }

    /** Admin: the instance's add-on purchases (GitLab Duo Enterprise, Pro, Core). */
    public GraphQlAnswer addOnPurchases() {
        return graphQl(Identity.ADMIN, "add-on-purchases", ADD_ON_PURCHASES, JSON.createObjectNode());
    }

    /** Admin: whether the user holds a seat of the given add-on purchases. */
    public GraphQlAnswer seatOf(String username, List<String> purchaseIds) {
        ObjectNode variables = JSON.createObjectNode().put("search", username);
        purchaseIds.forEach(variables.putArray("purchaseIds")::add);
        return graphQl(Identity.ADMIN, "seat:" + username, SEAT, variables);
    }

    /**
     * Admin: {@code aiSelfHostedModelConnectionCheck} (17.7+) for one model of the environment file. GitLab builds an
     * unsaved model from the arguments and asks the AI gateway to call it; nothing is stored.
     */
    public GraphQlAnswer connectionCheck(Environment.Model model, String familyEnum) {
        ObjectNode variables = JSON.createObjectNode()
                .put("name", model.name())
                .put("model", familyEnum)
                .put("endpoint", model.endpoint().map(Object::toString).orElse(""));
        model.identifier().ifPresent(id -> variables.put("identifier", id));
        if (model.apiKey().isPresent()) {
            variables.put("apiToken", model.apiKey().reveal());
        }
        return graphQl(Identity.ADMIN, "connection-check:" + model.name(), CONNECTION_CHECK, variables);
    }

    /**
     * User: {@code GET /api/v4/ai/duo_workflows/list_tools}: GitLab asks the Agent Platform service for its tools over
     * gRPC (read-only; rate limit 50 per minute, shared with the workflow token request).
     */
    public Exchange listTools() {
        return get(Identity.USER, "list-tools", "/api/v4/ai/duo_workflows/list_tools");
    }

    /** The administrator's username, from the {@code GET /api/v4/user} read to diagnose its token. */
    public Optional<String> adminUsername() {
        return has(Identity.ADMIN)
                ? get(Identity.ADMIN, "user", USER)
                        .json()
                        .map(j -> j.path("username").asText(null))
                : Optional.empty();
    }

    /** User: {@code POST /api/v4/code_suggestions/completions}, the end-to-end request GitLab → AI gateway → model. */
    public Exchange completion() {
        return post(Identity.USER, "completion", COMPLETIONS, COMPLETION_REQUEST);
    }

    /**
     * User: {@code POST /api/v4/code_suggestions/direct_access}: GitLab asks the AI gateway for a token, which the
     * gateway grants only after verifying GitLab's signature against GitLab's JWKS. Rate-limited (50 per minute per user);
     * answered 403 "Direct connections are disabled" when the instance uses indirect connections.
     */
    public Exchange directAccess() {
        return post(Identity.USER, "direct-access", DIRECT_ACCESS, null);
    }

    /**
     * Sends {@link #completion()} and {@link #directAccess()} ahead, beside the AI gateway's health check that the rules
     * reading them wait for: they need only the user's token, so they need not wait for the gateway's answer.
     */
    public void startCodeSuggestionsRequests() {
        if (has(Identity.USER)) {
            memo.start(key(Identity.USER, "completion"), posting(Identity.USER, COMPLETIONS, COMPLETION_REQUEST));
            memo.start(key(Identity.USER, "direct-access"), posting(Identity.USER, DIRECT_ACCESS, null));
        }
    }

    private GraphQlAnswer graphQl(Identity identity, String name, String query, ObjectNode variables) {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", variables);
        return GraphQlAnswer.of(post(identity, "graphql:" + name, "/api/graphql", body.toString()));
    }

    private Exchange get(Identity identity, String name, String path) {
        return used(memo.once(key(identity, name), getting(identity, path)));
    }

    /** {@link #get} started ahead on a thread of its own; the evidence is attached when a check reads it. */
    private void startGet(Identity identity, String name, String path) {
        memo.start(key(identity, name), getting(identity, path));
    }

    private Supplier<Exchange> getting(Identity identity, String path) {
        return () -> transport.get(endpoint(identity), path);
    }

    private Supplier<Exchange> posting(Identity identity, String path, String body) {
        return () -> transport.send(endpoint(identity), "POST", path, body);
    }

    /**
     * Starts reading, all at once, what the gate of a check needs before it runs: the instance's version and, for each
     * identity it needs, whose token it is and the token's scopes. The gate then reads each answer as it comes.
     */
    public void startReading(List<Identity> identities) {
        if (has(Identity.ADMIN) || has(Identity.USER)) {
            Identity reader = has(Identity.ADMIN) ? Identity.ADMIN : Identity.USER;
            startGet(reader, "version", VERSION);
        }
        for (Identity identity : identities) {
            if (has(identity)) {
                startGet(identity, "user", USER);
                startGet(identity, "token", TOKEN);
            }
        }
    }

    private Exchange post(Identity identity, String name, String path, String body) {
        return used(memo.once(key(identity, name), posting(identity, path, body)));
    }

    private static String key(Identity identity, String name) {
        return "gitlab:" + identity + ":" + name;
    }

    private Endpoint endpoint(Identity identity) {
        Endpoint endpoint = endpoints.get(identity);
        if (endpoint == null) {
            throw new IllegalStateException(identity.key() + " is not configured; the check should have been skipped");
        }
        return endpoint;
    }

    private Exchange used(Exchange exchange) {
        evidence.accept(exchange);
        return exchange;
    }
}
