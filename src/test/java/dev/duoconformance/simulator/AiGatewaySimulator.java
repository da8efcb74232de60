package dev.duoconformance.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.simulator.SimServer.Request;
import dev.duoconformance.simulator.SimServer.Response;
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
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * The GitLab AI gateway's HTTP contract: unauthenticated health check, the authentication middleware and its
 * {@code {"error":…}} 401s, FastAPI's {@code {"detail":…}} errors and 422s, and {@code /v1/chat/agent} really
 * calling the model server through LiteLLM's OpenAI-compatible request (or a simulated Bedrock).
 */
final class AiGatewaySimulator implements AutoCloseable {
    /** LiteLLM model families the gateway accepts ({@code KindLiteLlmModel}); anything else is a 422. */
    static final Set<String> FAMILIES = Set.of("codegemma", "codellama", "codestral", "codestral-2501", "codestral-2508",
            "mistral", "mixtral", "deepseekcoder", "claude_3", "gpt", "qwen2p5-coder-7b", "llama3", "general");
    private static final Set<String> UNAUTHENTICATED = Set.of("/monitoring/healthz", "/monitoring/ready", "/metrics", "/v1/models/definitions");
    private static final Set<String> BEDROCK_REGIONS = Set.of("us", "us-gov", "eu", "apac", "jp", "au", "ca", "global");

    private final boolean authBypassed;
    private final boolean customModelsEnabled;
    private final boolean modelNetworkBlocked;
    private final boolean rateLimited;
    private final Predicate<Request> tokenValidator;
    private final HttpClient outbound = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SimServer server;
    private final URI url;

    AiGatewaySimulator(SSLContext tls, boolean authBypassed, Predicate<Request> tokenValidator, Set<Fault> faults, Duration latency) {
        this.authBypassed = authBypassed;
        this.tokenValidator = tokenValidator;
        this.customModelsEnabled = !faults.contains(Fault.AIGW_CUSTOM_MODELS_DISABLED);
        this.modelNetworkBlocked = faults.contains(Fault.AIGW_CANNOT_REACH_MODEL);
        if (faults.contains(Fault.AIGW_DOWN)) {
            this.rateLimited = false;
            this.server = null;
            this.url = ClosedPort.url(tls == null ? "http" : "https");
            return;
        }
        SimServer http = (tls == null ? SimServer.http("aigw") : SimServer.https("aigw", tls)).latency(latency);
        http.gate(faults.contains(Fault.AIGW_UNHEALTHY) ? r -> Optional.of(new Response(502, Map.of("Content-Type", "text/html"),
                        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"))
                : faults.contains(Fault.AIGW_SILENT) ? r -> Optional.of(Response.silence())
                : faults.contains(Fault.AIGW_LOGIN_REDIRECT) ? this::redirectToSignIn
                : this::authenticate);
        this.rateLimited = faults.contains(Fault.AIGW_RATE_LIMITED);
        this.server = http
                .route("GET", "/monitoring/healthz", r -> Response.json(200, "{}"))
                // No route of its own: behind authentication, FastAPI's 404 (the suite's probe of the auth state).
                .route("GET", "/", r -> Response.json(404, Map.of("detail", "Not Found")))
                .route("POST", "/v1/chat/agent", this::chatAgent)
                .start();
        this.url = server.url();
    }

    URI url() {
        return url;
    }

    Optional<SimServer> server() {
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
            return Optional.of(Response.json(401, Map.of("error", "Invalid authentication token type - only OIDC is supported")));
        }
        if (!tokenValidator.test(request)) {
            return Optional.of(Response.json(401, Map.of("error", "Forbidden by auth provider")));
        }
        return Optional.empty();
    }

    /** GitLab's web UI, where the AI gateway was expected: every path redirects to the sign-in page. */
    private Optional<Response> redirectToSignIn(Request request) {
        return Optional.of(new Response(302, Map.of("Location", url + "/users/sign_in", "Content-Type", "text/html; charset=utf-8"),
                "<html><body>You are being <a href=\"" + url + "/users/sign_in\">redirected</a>.</body></html>"));
    }

    private Response chatAgent(Request request) {
        if (rateLimited) {
            return Response.json(429, Map.of("detail", "Too many requests. Please try again later.")).withHeader("Retry-After", "30");
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
        Optional<String> answer = identifier.filter(id -> id.startsWith("bedrock/"))
                .map(id -> bedrock(id.substring("bedrock/".length())))
                .orElseGet(() -> openAiCompatible(endpoint, apiKey, identifier, family, contentOf(payload)));
        if (answer.isEmpty()) {
            // LiteLLM errors are not wrapped on this path: FastAPI's plain-text 500.
            return Response.text(500, "Internal Server Error");
        }
        ObjectNode response = SimServer.JSON.createObjectNode().put("response", answer.get());
        response.putObject("metadata").put("provider", "litellm").put("model", family).put("timestamp", Instant.now().getEpochSecond());
        return Response.json(200, response);
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
                && (payload.path("content").isTextual() || payload.path("content").isArray())
                && Set.of("litellm", "anthropic").contains(payload.path("provider").asText("litellm"))
                && FAMILIES.contains(payload.path("model").asText());
    }

    /** LiteLLM's custom_openai provider: {@code POST <api_base>/chat/completions} for the identifier's model name, else the family. */
    private Optional<String> openAiCompatible(Optional<String> endpoint, Optional<String> apiKey, Optional<String> identifier,
                                              String family, String content) {
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        String model = identifier.map(id -> id.contains("/") ? id.substring(id.indexOf('/') + 1) : id).orElse(family);
        ObjectNode body = SimServer.JSON.createObjectNode().put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", content);
        body.put("stream", false).put("temperature", 0.2).put("top_p", 0.95).put("max_tokens", 2048);
        try {
            if (modelNetworkBlocked) {
                throw new ConnectException("Connection refused");
            }
            HttpRequest call = HttpRequest.newBuilder(URI.create(endpoint.get().replaceAll("/+$", "") + "/chat/completions"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + apiKey.orElse("None"))
                    .header("User-Agent", "AsyncOpenAI/Python 1.99.9")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build();
            HttpResponse<String> answer = outbound.send(call, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(SimServer.JSON.readTree(answer.body()).path("choices").path(0).path("message").path("content").asText());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Bedrock as LiteLLM reaches it: on-demand invocation needs an inference profile id ({@code <region>.<model-id>}). */
    private static Optional<String> bedrock(String modelId) {
        String prefix = modelId.contains(".") ? modelId.substring(0, modelId.indexOf('.')) : "";
        return BEDROCK_REGIONS.contains(prefix) ? Optional.of("Hello from Bedrock.") : Optional.empty();
    }

    private static String contentOf(JsonNode payload) {
        JsonNode content = payload.path("content");
        return content.isArray() ? content.path(content.size() - 1).path("content").asText() : content.asText();
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
