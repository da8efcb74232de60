package dev.duoconformance.simulator.aigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.simulator.fault.Fault;
import dev.duoconformance.simulator.server.ClosedPort;
import dev.duoconformance.simulator.server.SimServer;
import dev.duoconformance.simulator.server.SimServer.Request;
import dev.duoconformance.simulator.server.SimServer.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * The GitLab AI gateway's HTTP contract: unauthenticated health check, the authentication middleware and its
 * {@code {"error":…}} 401s, FastAPI's {@code {"detail":…}} errors and 422s, and the routes GitLab and the doc use —
 * {@code /v1/chat/agent}, {@code /v2/code/completions}, {@code /v1/prompts/model_configuration%2Fcheck},
 * {@code /v1/code/user_access_token} — really calling the model server through LiteLLM's OpenAI-compatible requests
 * (or a simulated Bedrock).
 */
public final class AiGatewaySimulator implements AutoCloseable {
    /** LiteLLM model families the gateway accepts ({@code KindLiteLlmModel}); anything else is a 422. */
    static final Set<String> FAMILIES = Set.of(
            "codegemma",
            "codellama",
            "codestral",
            "codestral-2501",
            "codestral-2508",
            "mistral",
            "mixtral",
            "deepseekcoder",
            "claude_3",
            "gpt",
            "qwen2p5-coder-7b",
            "llama3",
            "general");

    private static final Set<String> UNAUTHENTICATED =
            Set.of("/monitoring/healthz", "/monitoring/ready", "/metrics", "/v1/models/definitions");
    private static final Set<String> PROFILE_ONLY_ON_BEDROCK = Set.of("meta.llama3-3-70b-instruct-v1:0");
    private static final Set<String> BEDROCK_REGIONS = Set.of("us", "us-gov", "eu", "apac", "jp", "au", "ca", "global");
    /** {@code USE_CASES_MODELS_MAP} for code completions with the litellm provider. */
    private static final Set<String> COMPLETION_FAMILIES = Set.of(
            "codestral-2501",
            "codestral-2508",
            "codegemma",
            "codellama",
            "codestral",
            "deepseekcoder",
            "llama3",
            "mistral",
            "mixtral",
            "claude_3",
            "gpt",
            "qwen2p5-coder-7b");
    /** Self-hosted {@code gitlab_identifier}s of {@code models.yml}, which the prompt registry accepts in model_metadata. */
    private static final Set<String> SELF_HOSTED_FAMILIES = Set.of(
            "mistral",
            "mixtral",
            "codestral",
            "llama3",
            "codellama",
            "gpt",
            "codegemma",
            "deepseekcoder",
            "claude_3",
            "gemini",
            "qwen",
            "general");

    private static final Set<String> MODEL_PROVIDERS =
            Set.of("anthropic", "vertex-ai", "litellm", "codestral", "fireworks_ai", "amazon_q", "gitlab");

    /** What LiteLLM got from the model: an answer, an HTTP error of the model server, or no connection (status -1). */
    private record ModelAnswer(int status, String reason, String text) {
        static ModelAnswer noConnection() {
            return new ModelAnswer(-1, "Connection error", "");
        }

        boolean ok() {
            return status == 200;
        }
    }

    /** Markup that calls the page's own origin when a browser runs it (the report's self-test counts those calls). */
    public static final String HOSTILE_MARKUP =
            "<script>fetch('/beacon/script')</script><img src=x onerror=\"fetch('/beacon/img')\"> & co";

    private final boolean authBypassed;
    private final boolean customModelsEnabled;
    private final boolean modelNetworkBlocked;
    private final boolean rateLimited;
    private final boolean chatSilent;
    private final boolean chatFailing;
    private final Function<Request, Optional<String>> tokenRefusal;
    private final HttpClient outbound =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SimServer server;
    private final URI url;

    /** {@code tokenRefusal} says why a bearer token is refused (empty when valid), as the gateway's OIDC providers do. */
    public AiGatewaySimulator(
            SSLContext tls,
            boolean authBypassed,
            Function<Request, Optional<String>> tokenRefusal,
            Set<Fault> faults,
            Duration latency) {
        this.authBypassed = authBypassed;
        this.tokenRefusal = tokenRefusal;
        this.customModelsEnabled = !faults.contains(Fault.AIGW_CUSTOM_MODELS_DISABLED);
        this.modelNetworkBlocked = faults.contains(Fault.AIGW_CANNOT_REACH_MODEL);
        this.chatSilent = faults.contains(Fault.CHAT_A1000);
        this.chatFailing = faults.contains(Fault.CHAT_MODEL_ERROR);
        if (faults.contains(Fault.AIGW_DOWN)) {
            this.rateLimited = false;
            this.server = null;
            this.url = ClosedPort.url(tls == null ? "http" : "https");
            return;
        }
        SimServer http = (tls == null ? SimServer.http("aigw") : SimServer.https("aigw", tls)).latency(latency);
        http.gate(
                faults.contains(Fault.AIGW_UNHEALTHY)
                        ? r -> Optional.of(
                                new Response(
                                        502,
                                        Map.of("Content-Type", "text/html"),
                                        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"))
                        : faults.contains(Fault.AIGW_HTML_PAGE)
                                ? r -> Optional.of(
                                        new Response(
                                                200,
                                                Map.of("Content-Type", "text/html; charset=utf-8"),
                                                "<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>"))
                                : faults.contains(Fault.AIGW_HOSTILE_HTML)
                                        ? r -> Optional.of(new Response(
                                                502,
                                                Map.of("Content-Type", "text/html"),
                                                "<html><head><title>" + HOSTILE_MARKUP + "</title></head><body>"
                                                        + HOSTILE_MARKUP + "</body></html>"))
                                        : faults.contains(Fault.AIGW_SILENT)
                                                ? r -> Optional.of(Response.silence())
                                                : faults.contains(Fault.AIGW_LOGIN_REDIRECT)
                                                        ? this::redirectToSignIn
                                                        : this::authenticate);
        this.rateLimited = faults.contains(Fault.AIGW_RATE_LIMITED);
        this.server = http.route("GET", "/monitoring/healthz", r -> Response.json(200, "{}"))
                // No route of its own: behind authentication, FastAPI's 404 (the suite's probe of the auth state).
                .route("GET", "/", r -> Response.json(404, Map.of("detail", "Not Found")))
                // GitLab's health check HEADs the gateway URL (host_probe.rb); behind authentication it gets a 401,
                // which counts as reachable.
                .route("HEAD", "/", r -> new Response(404, Map.of("Content-Type", "application/json"), ""))
                .route("POST", "/v1/chat/agent", this::chatAgent)
                .route("POST", "/v2/chat/agent", this::duoChat)
                .route("POST", "/v2/code/completions", this::codeCompletion)
                .route("POST", "/v1/prompts/model_configuration%2Fcheck", this::modelConfigurationCheck)
                .route("POST", "/v1/code/user_access_token", this::userAccessToken)
                .start();
        this.url = server.url();
    }

    public URI url() {
        return url;
    }

    public Optional<SimServer> server() {
        return Optional.ofNullable(server);
    }

    /** The authentication middleware: exact-match skip list, then bypass, then the bearer token GitLab signs. */
    private Optional<Response> authenticate(Request request) {
        if (UNAUTHENTICATED.contains(request.path()) || authBypassed) {
            return Optional.empty();
        }
        Optional<String> authorization = request.header("authorization");
        if (authorization.isEmpty()) {
            return Optional.of(Response.json(401, Map.of("error", "No authorization header presented")));
        }
        if (!authorization.get().startsWith("Bearer ")) {
            return Optional.of(Response.json(401, Map.of("error", "Invalid authorization header")));
        }
        if (!request.header("x-gitlab-authentication-type").map("oidc"::equals).orElse(false)) {
            return Optional.of(
                    Response.json(401, Map.of("error", "Invalid authentication token type - only OIDC is supported")));
        }
        return tokenRefusal.apply(request).map(refusal -> Response.json(401, Map.of("error", refusal)));
    }

    /** GitLab's web UI, where the AI gateway was expected: every path redirects to the sign-in page. */
    private Optional<Response> redirectToSignIn(Request request) {
        return Optional.of(new Response(
                302,
                Map.of("Location", url + "/users/sign_in", "Content-Type", "text/html; charset=utf-8"),
                "<html><body>You are being <a href=\"" + url + "/users/sign_in\">redirected</a>.</body></html>"));
    }

    private Response chatAgent(Request request) {
        if (rateLimited) {
            return Response.json(429, Map.of("detail", "Too many requests. Please try again later."))
                    .withHeader("Retry-After", "30");
        }
        Optional<JsonNode> body = request.json();
        if (body.isEmpty() || !validChatRequest(body.get())) {
            return Response.json(422, Map.of("detail", "Validation error"));
        }
        JsonNode payload = body.get().path("prompt_components").get(0).path("payload");
        String family = payload.path("model").asText();
        Optional<String> endpoint = text(payload, "model_endpoint");
        Optional<String> apiKey = text(payload, "model_api_key");
        Optional<String> identifier = text(payload, "model_identifier");
        if (!customModelsEnabled && (endpoint.isPresent() || apiKey.isPresent())) {
            // ValueError("specifying custom models endpoint is disabled: api_base is not allowed"), unhandled.
            return Response.text(500, "Internal Server Error");
        }
        ModelAnswer answer = callModel(
                family, endpoint, apiKey.or(() -> Optional.of("None")), identifier, contentOf(payload), false);
        if (!answer.ok()) {
            // LiteLLM errors are not wrapped on this path: FastAPI's plain-text 500.
            return Response.text(500, "Internal Server Error");
        }
        ObjectNode response = SimServer.JSON.createObjectNode().put("response", answer.text());
        response.putObject("metadata")
                .put("provider", "litellm")
                .put("model", family)
                .put("timestamp", Instant.now().getEpochSecond());
        return Response.json(200, response);
    }

    /**
     * {@code POST /v2/chat/agent}, where GitLab sends Duo Chat (ee/lib/gitlab/duo/chat/step_executor.rb). The real route
     * streams agent events; the simulator answers once, {@code {"response": …}}, with the model's words.
     */
    private Response duoChat(Request request) {
        if (chatSilent) {
            return Response.silence();
        }
        if (chatFailing) {
            return Response.text(500, "Internal Server Error");
        }
        JsonNode metadata = request.json().map(j -> j.path("model_metadata")).orElse(SimServer.JSON.missingNode());
        if (!request.json().map(j -> j.path("prompt").isTextual()).orElse(false)) {
            return Response.json(422, Map.of("detail", "Validation error"));
        }
        ModelAnswer answer = callModel(
                metadata.path("name").asText("general"),
                text(metadata, "endpoint"),
                text(metadata, "api_key"),
                text(metadata, "identifier"),
                request.json().get().path("prompt").asText(),
                false);
        return answer.ok()
                ? Response.json(200, Map.of("response", answer.text()))
                : Response.text(500, "Internal Server Error");
    }

    private static boolean validChatRequest(JsonNode body) {
        JsonNode components = body.path("prompt_components");
        if (!components.isArray() || components.size() != 1) {
            return false;
        }
        JsonNode component = components.get(0);
        JsonNode payload = component.path("payload");
        return component.path("type").isTextual()
                && component.path("metadata").path("source").isTextual()
                && component.path("metadata").path("version").isTextual()
                && (payload.path("content").isTextual()
                        || payload.path("content").isArray())
                && Set.of("litellm", "anthropic")
                        .contains(payload.path("provider").asText("litellm"))
                && FAMILIES.contains(payload.path("model").asText());
    }

    /**
     * {@code POST /v2/code/completions} as GitLab sends it for a self-hosted model ({@code model_provider: litellm},
     * {@code prompt_version: 2}): LiteLLM's text-completion request to the model server.
     */
    private Response codeCompletion(Request request) {
        Optional<JsonNode> parsed = request.json();
        if (parsed.isEmpty()) {
            return Response.json(422, Map.of("detail", "Validation error"));
        }
        JsonNode body = parsed.get();
        JsonNode file = body.path("current_file");
        if (!file.path("file_name").isTextual()
                || !file.path("content_above_cursor").isTextual()
                || !Set.of(1, 2, 3).contains(body.path("prompt_version").asInt(1))
                || (body.has("model_provider")
                        && !MODEL_PROVIDERS.contains(body.path("model_provider").asText()))) {
            return Response.json(422, Map.of("detail", "Validation error"));
        }
        String family = body.path("model_name").asText("");
        if ("litellm".equals(body.path("model_provider").asText()) && !COMPLETION_FAMILIES.contains(family)) {
            return Response.json(
                    422,
                    Map.of(
                            "detail",
                            "model " + family + " is not supported by use case code completions and provider litellm"));
        }
        Optional<String> endpoint = text(body, "model_endpoint");
        if (!customModelsEnabled && endpoint.isPresent()) {
            return Response.text(500, "Internal Server Error");
        }
        String prompt = "<s>[SUFFIX]" + file.path("content_below_cursor").asText("") + "[PREFIX]"
                + file.path("content_above_cursor").asText();
        ModelAnswer answer =
                callModel(family, endpoint, text(body, "model_api_key"), text(body, "model_identifier"), prompt, true);
        if (answer.status() == -1 || answer.status() >= 500) {
            return Response.json(503, Map.of("detail", "Inference failed"));
        }
        if (!answer.ok()) {
            return Response.text(500, "Internal Server Error");
        }
        ObjectNode response = SimServer.JSON.createObjectNode().put("id", "id");
        response.putObject("model").put("engine", "litellm").put("name", family).put("lang", "python");
        response.putArray("experiments");
        response.put("object", "text_completion").put("created", Instant.now().getEpochSecond());
        response.putArray("choices")
                .addObject()
                .put("text", answer.text())
                .put("index", 0)
                .put("finish_reason", "length");
        return Response.json(200, response);
    }

    /**
     * {@code POST /v1/prompts/model_configuration%2Fcheck}, the model connection check GitLab runs: the prompt registry's
     * chat request; an HTTP error of the model becomes 421 {@code {"detail":"<status>: <reason>"}}.
     */
    private Response modelConfigurationCheck(Request request) {
        JsonNode metadata = request.json().map(j -> j.path("model_metadata")).orElse(null);
        if (metadata == null
                || !metadata.isObject()
                || !request.json().get().path("inputs").isObject()) {
            return Response.json(422, Map.of("detail", "Validation error"));
        }
        String family = metadata.path("name").asText("");
        if (!SELF_HOSTED_FAMILIES.contains(family)) {
            return Response.json(
                    422,
                    Map.of(
                            "detail",
                            "[{'type': 'value_error', 'loc': ('name',), 'msg': 'Value error, model " + family
                                    + " is not a self-hosted model'}]"));
        }
        Optional<String> endpoint = text(metadata, "endpoint");
        if (endpoint.isPresent() && !endpoint.get().matches("https?://[^/\\s]+.*")) {
            return Response.json(
                    422,
                    Map.of(
                            "detail",
                            "[{'type': 'url_parsing', 'loc': ('endpoint',), 'msg': 'Input should be a valid URL'}]"));
        }
        if (!customModelsEnabled && endpoint.isPresent()) {
            return Response.json(
                    400, Map.of("detail", "specifying custom models endpoint is disabled: api_base is not allowed"));
        }
        ModelAnswer answer = callModel(
                family,
                endpoint,
                text(metadata, "api_key").or(() -> Optional.of("dummy_key")),
                text(metadata, "identifier"),
                "Hello",
                false);
        if (answer.status() == -1) {
            return Response.json(503, Map.of("detail", "Inference failed"));
        }
        if (!answer.ok()) {
            return Response.json(421, Map.of("detail", answer.status() + ": " + answer.reason()));
        }
        return Response.json(
                200, SimServer.JSON.getNodeFactory().textNode(answer.text()).toString());
    }

    /** {@code POST /v1/code/user_access_token}: a short-lived token for direct connections, granted once GitLab's token verified. */
    private Response userAccessToken(Request request) {
        if (request.header("x-gitlab-global-user-id").isEmpty()) {
            return Response.json(422, Map.of("detail", "Validation error"));
        }
        return Response.json(
                200,
                Map.of(
                        "token",
                        "aigw-direct-" + UUID.randomUUID(),
                        "expires_at",
                        Instant.now().getEpochSecond() + 3600));
    }

    /**
     * LiteLLM's call: Bedrock for {@code bedrock/} identifiers; otherwise the custom_openai provider at {@code <api_base>}
     * — {@code /completions} for text completion, {@code /chat/completions} for chat — asking for the identifier's model
     * name, else the family.
     */
    private ModelAnswer callModel(
            String family,
            Optional<String> endpoint,
            Optional<String> apiKey,
            Optional<String> identifier,
            String content,
            boolean textCompletion) {
        if (identifier.filter(id -> id.startsWith("bedrock/")).isPresent()) {
            return bedrock(identifier.get().substring("bedrock/".length()));
        }
        if (identifier.filter(id -> id.startsWith("arn:aws")).isPresent()) {
            // ai_gateway/model_metadata.py ModelMetadata.to_params: the provider is the identifier up to its first "/",
            // here
            // "arn:aws:bedrock:<region>:<account>:<kind>", which LiteLLM does not know: the call fails before reaching
            // Bedrock.
            return new ModelAnswer(400, "Bad Request", "");
        }
        if (endpoint.isEmpty()) {
            return ModelAnswer.noConnection();
        }
        // ai_gateway/models/litellm.py passes the identifier to LiteLLM as the model: azure/<deployment> goes to
        // LiteLLM's
        // azure provider, <api_base>/openai/deployments/<deployment>/… with an api-key header (LiteLLM's behaviour, not
        // re-read).
        String base = identifier
                .filter(id -> id.startsWith("azure/"))
                .map(id ->
                        endpoint.get().replaceAll("/+$", "") + "/openai/deployments/" + id.substring("azure/".length()))
                .orElse(null);
        String model = identifier
                .map(id -> id.contains("/") ? id.substring(id.indexOf('/') + 1) : id)
                .orElse(family);
        ObjectNode body = SimServer.JSON.createObjectNode().put("model", model);
        if (textCompletion) {
            body.put("prompt", content).put("max_tokens", 64);
        } else {
            body.putArray("messages").addObject().put("role", "user").put("content", content);
            body.put("max_tokens", 2048);
        }
        body.put("stream", false).put("temperature", 0.2).put("top_p", 0.95);
        try {
            if (modelNetworkBlocked) {
                throw new ConnectException("Connection refused");
            }
            String path = textCompletion ? "/completions" : "/chat/completions";
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(
                            base != null
                                    ? base + path + "?api-version=2024-10-21"
                                    : endpoint.get().replaceAll("/+$", "") + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json");
            if (base != null) {
                builder.header("api-key", apiKey.orElse(""));
            } else {
                builder.header("Authorization", "Bearer " + apiKey.orElse("dummy_key"));
            }
            HttpRequest call = builder.header("User-Agent", "AsyncOpenAI/Python 1.99.9")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build();
            HttpResponse<String> answer = outbound.send(call, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return new ModelAnswer(answer.statusCode(), reason(answer.statusCode()), "");
            }
            JsonNode choice =
                    SimServer.JSON.readTree(answer.body()).path("choices").path(0);
            return new ModelAnswer(
                    200,
                    "OK",
                    textCompletion
                            ? choice.path("text").asText()
                            : choice.path("message").path("content").asText());
        } catch (IOException | IllegalArgumentException e) {
            return ModelAnswer.noConnection();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ModelAnswer.noConnection();
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            default -> "Error";
        };
    }

    /**
     * Bedrock as LiteLLM reaches it: an inference profile ({@code <region>.<model-id>}) or an ARN is invoked as given; a
     * bare model id on demand, except for models Bedrock serves only through inference profiles ("Invocation of model ID
     * meta.llama3-3-70b-instruct-v1:0 with on-demand throughput isn't supported", troubleshooting.md).
     */
    private static ModelAnswer bedrock(String modelId) {
        String prefix = modelId.contains(".") ? modelId.substring(0, modelId.indexOf('.')) : "";
        boolean profileOrArn = BEDROCK_REGIONS.contains(prefix) || modelId.startsWith("arn:aws");
        boolean onDemand = !modelId.isEmpty()
                && !PROFILE_ONLY_ON_BEDROCK.contains(modelId)
                && modelId.matches("[a-z0-9-]+\\.\\S+");
        return profileOrArn || onDemand
                ? new ModelAnswer(200, "OK", "Hello from Bedrock.")
                : new ModelAnswer(400, "Bad Request", "");
    }

    private static String contentOf(JsonNode payload) {
        JsonNode content = payload.path("content");
        return content.isArray()
                ? content.path(content.size() - 1).path("content").asText()
                : content.asText();
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
