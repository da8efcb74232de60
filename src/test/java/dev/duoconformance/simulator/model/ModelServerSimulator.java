package dev.duoconformance.simulator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.simulator.fault.Fault;
import dev.duoconformance.simulator.server.ClosedPort;
import dev.duoconformance.simulator.server.SimServer;
import dev.duoconformance.simulator.server.SimServer.Request;
import dev.duoconformance.simulator.server.SimServer.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenAI-compatible model server as vLLM presents it: {@code /v1/models}, {@code /v1/chat/completions},
 * {@code /v1/completions}, {@code /health}; {@code --api-key} enforced on {@code /v1}; unknown models are 404s.
 */
public final class ModelServerSimulator implements AutoCloseable {
    public static final String SERVED_NAME = "Mistral-7B-Instruct-v0.3";
    /** The Azure OpenAI deployment this server also answers as (fault model-azure). */
    public static final String AZURE_DEPLOYMENT = "gpt-4o";
    /** Longer than GitLab's 3 s connection check (6 s in the simulator), shorter than every other timeout on the way. */
    static final Duration SLOW = Duration.ofMillis(7500);

    private final String servedName;
    private final String acceptedKey;
    private final boolean failing;
    private final Set<Fault> faults;
    private final SimServer server;
    private final URI url;

    public ModelServerSimulator(String apiKey, Set<Fault> faults, Duration latency) {
        this.servedName = faults.contains(Fault.MODEL_NAME_NOT_SERVED) ? "mistral-7b-awq" : SERVED_NAME;
        this.acceptedKey =
                faults.contains(Fault.MODEL_API_KEY_REJECTED) || faults.contains(Fault.MODEL_ECHOES_KEY_ENCODED)
                        ? apiKey + "-rotated"
                        : apiKey;
        this.failing = faults.contains(Fault.MODEL_ERROR);
        this.faults = faults;
        if (faults.contains(Fault.MODEL_GZIP_BOMB)) {
            // Compressing the gigabyte takes seconds on a busy machine: done before the run, not inside the suite's
            // deadline.
            HostileBodies.gzipBomb();
        }
        if (faults.contains(Fault.MODEL_DOWN)) {
            this.server = null;
            this.url = ClosedPort.url("http");
            return;
        }
        this.server = SimServer.http("model")
                .latency(latency)
                .gate(
                        faults.contains(Fault.MODEL_SILENT)
                                ? r -> Optional.of(Response.silence())
                                : r -> onlyFromTheGateway(r).or(() -> apiKey(r)))
                .route("GET", "/health", r -> new Response(200, Map.of(), ""))
                .route("GET", "/v1/models", r -> models())
                .route("POST", "/v1/chat/completions", this::chatCompletion)
                .route("POST", "/v1/completions", this::completion)
                // Azure OpenAI's deployment routes, as LiteLLM's azure provider calls them (api-key header, api-version
                // query).
                .route("POST", "/openai/deployments/([^/]+)/chat/completions", r -> azure(r, this::chatCompletion))
                .route("POST", "/openai/deployments/([^/]+)/completions", r -> azure(r, this::completion))
                .start();
        this.url = server.url();
    }

    /** The base URL; the OpenAI-compatible endpoint is this plus {@code /v1}. */
    public URI url() {
        return url;
    }

    public Optional<SimServer> server() {
        return Optional.ofNullable(server);
    }

    /**
     * {@link Fault#MODEL_UNREACHABLE_FROM_RUNNER}: a network policy admits only the AI gateway to the model server. Source
     * addresses cannot tell the two apart on loopback, so the simulated gateway is told by the client it calls the model
     * with (its User-Agent, the OpenAI Python SDK's, as LiteLLM sends it: ai_gateway/models/litellm.py); every other
     * connection is closed unanswered.
     */
    private Optional<Response> onlyFromTheGateway(Request request) {
        if (!faults.contains(Fault.MODEL_UNREACHABLE_FROM_RUNNER)) {
            return Optional.empty();
        }
        return request.header("user-agent")
                        .filter(agent -> agent.startsWith("AsyncOpenAI/Python"))
                        .isPresent()
                ? Optional.empty()
                : Optional.of(Response.drop());
    }

    private Optional<Response> apiKey(Request request) {
        if (!request.path().startsWith("/v1/")) {
            return Optional.empty();
        }
        Optional<String> authorization = request.header("authorization");
        if (authorization.map(h -> h.equals("Bearer " + acceptedKey)).orElse(false)) {
            return Optional.empty();
        }
        if (faults.contains(Fault.MODEL_ECHOES_KEY_ENCODED)) {
            // A hostile (or debugging) proxy: the key comes back in every encoding the suite must recognise.
            String received = authorization.orElse("");
            String key = received.replaceFirst("^Bearer ", "");
            return Optional.of(Response.json(
                    401,
                    Map.of(
                            "error",
                            "Unauthorized",
                            "received_key",
                            key,
                            "authorization_base64",
                            Base64.getEncoder().encodeToString(received.getBytes(StandardCharsets.UTF_8)),
                            "key_base64url",
                            Base64.getUrlEncoder()
                                    .withoutPadding()
                                    .encodeToString(key.getBytes(StandardCharsets.UTF_8)),
                            "retry_url",
                            "/v1/models?api_key=" + URLEncoder.encode(key, StandardCharsets.UTF_8),
                            "html",
                            "<p>key: " + key.replace("&", "&amp;").replace("\"", "&quot;") + "</p>")));
        }
        // Like LiteLLM's proxy, the answer quotes the key it received: output must never repeat it.
        return Optional.of(Response.json(
                401,
                Map.of(
                        "error",
                        "Unauthorized: invalid API key received: "
                                + authorization
                                        .map(h -> h.replaceFirst("^Bearer ", ""))
                                        .orElse("(none)"))));
    }

    private Response models() {
        if (faults.contains(Fault.MODEL_STALLED_BODY)) {
            return HostileBodies.stalled();
        }
        if (faults.contains(Fault.MODEL_TRICKLING_BODY) || faults.contains(Fault.MODEL_TRICKLING_CHUNKED_BODY)) {
            return HostileBodies.trickling(faults.contains(Fault.MODEL_TRICKLING_CHUNKED_BODY));
        }
        if (faults.contains(Fault.MODEL_ENDLESS_BODY)) {
            return HostileBodies.endless();
        }
        if (faults.contains(Fault.MODEL_GZIP_BOMB)) {
            return HostileBodies.gzipBomb();
        }
        if (faults.contains(Fault.MODEL_HUGE_BODY)) {
            StringBuilder huge = new StringBuilder("{\"object\":\"list\",\"data\":[");
            String entry = "{\"id\":\"" + servedName + "\",\"object\":\"model\",\"owned_by\":\"vllm\"},";
            while (huge.length() < 20 << 20) {
                huge.append(entry);
            }
            return Response.json(200, huge.append("{}]}").toString());
        }
        ObjectNode body = SimServer.JSON.createObjectNode().put("object", "list");
        body.putArray("data")
                .addObject()
                .put("id", servedName)
                .put("object", "model")
                .put("created", Instant.now().getEpochSecond())
                .put("owned_by", "vllm")
                .put("root", "mistralai/" + SERVED_NAME)
                .putNull("parent")
                .put("max_model_len", 32768);
        return Response.json(200, body);
    }

    /** The context length of a model vLLM serves with {@code --max-model-len 1024} ({@link Fault#MODEL_CONTEXT_TOO_SHORT}). */
    private static final int MAX_MODEL_LEN = 1024;

    private Response chatCompletion(Request request) {
        Optional<JsonNode> json = request.json();
        if (json.isEmpty()
                || !json.get().path("messages").isArray()
                || json.get().path("messages").isEmpty()) {
            return badRequest("messages is required");
        }
        Optional<Response> unknownModel = unknownModel(json.get());
        if (unknownModel.isPresent()) {
            return unknownModel.get();
        }
        if (failing) {
            return Response.json(
                    500,
                    Map.of(
                            "object",
                            "error",
                            "message",
                            "CUDA out of memory. Tried to allocate 2.00 GiB",
                            "type",
                            "InternalServerError",
                            "code",
                            500));
        }
        if (faults.contains(Fault.MODEL_INVALID_JSON)) {
            return Response.json(
                    200,
                    "{\"id\":\"cmpl-sim\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assis");
        }
        if (faults.contains(Fault.MODEL_EMPTY_BODY)) {
            return new Response(200, Map.of("Content-Type", "application/json"), "");
        }
        if (faults.contains(Fault.MODEL_SLOW)) {
            slowly();
        }
        Optional<Response> tooLong = beyondContext(json.get());
        if (tooLong.isPresent()) {
            return tooLong.get();
        }
        ObjectNode body = completionEnvelope("chat.completion");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        if (faults.contains(Fault.MODEL_REASONING)) {
            // A reasoning model (vLLM docs, "Reasoning Outputs") that spent max_tokens on reasoning: no content,
            // finish_reason length.
            choice.putObject("message")
                    .put("role", "assistant")
                    .putNull("content")
                    .put("reasoning_content", "The user greets me. I should")
                    .putArray("tool_calls");
            choice.put("finish_reason", "length");
            return Response.json(200, body);
        }
        choice.putObject("message").put("role", "assistant").put("content", "Hello! How can I help you today?");
        choice.put("finish_reason", "stop");
        return Response.json(200, body);
    }

    private Response completion(Request request) {
        Optional<JsonNode> json = request.json();
        if (json.isEmpty() || !json.get().has("prompt")) {
            return badRequest("prompt is required");
        }
        Optional<Response> unknownModel = unknownModel(json.get());
        if (unknownModel.isPresent()) {
            return unknownModel.get();
        }
        if (failing || faults.contains(Fault.MODEL_TEXT_COMPLETIONS_FAILING)) {
            return Response.json(
                    500,
                    Map.of(
                            "object",
                            "error",
                            "message",
                            "CUDA out of memory",
                            "type",
                            "InternalServerError",
                            "code",
                            500));
        }
        ObjectNode body = completionEnvelope("text_completion");
        String text = faults.contains(Fault.MODEL_EMPTY_COMPLETION) ? "" : "    return \"Hello, world!\"";
        body.putArray("choices").addObject().put("index", 0).put("text", text).put("finish_reason", "stop");
        return Response.json(200, body);
    }

    /**
     * vLLM refuses a request whose prompt and max_tokens exceed --max-model-len with 400 and this message
     * (vllm/entrypoints/openai/serving_engine.py, {@code _validate_input}); the prompt is counted here as one token per word.
     */
    private Optional<Response> beyondContext(JsonNode request) {
        if (!faults.contains(Fault.MODEL_CONTEXT_TOO_SHORT)) {
            return Optional.empty();
        }
        int prompt = 0;
        for (JsonNode message : request.path("messages")) {
            prompt += message.path("content").asText("").split("\\s+").length;
        }
        int completion = request.path("max_tokens").asInt(16);
        if (prompt + completion <= MAX_MODEL_LEN) {
            return Optional.empty();
        }
        return Optional.of(Response.json(
                400,
                Map.of(
                        "object",
                        "error",
                        "type",
                        "BadRequestError",
                        "param",
                        "messages",
                        "code",
                        400,
                        "message",
                        "This model's maximum context length is " + MAX_MODEL_LEN + " tokens. However, you requested "
                                + (prompt + completion)
                                + " tokens (" + prompt + " in the messages, " + completion
                                + " in the completion). Please reduce the length of the "
                                + "messages or completion.")));
    }

    /** A slow model: it answers chat completions correctly, after {@link #SLOW} (simulated inference time, not a wait for readiness). */
    private static void slowly() {
        try {
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(SLOW.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Response azure(Request request, java.util.function.Function<Request, Response> answer) {
        if (!request.header("api-key").map(acceptedKey::equals).orElse(false)) {
            return Response.json(
                    401,
                    Map.of(
                            "error",
                            Map.of(
                                    "code",
                                    "401",
                                    "message",
                                    "Access denied due to invalid subscription key or wrong API endpoint.")));
        }
        if (request.query() == null || !request.query().contains("api-version=")) {
            return Response.json(404, Map.of("error", Map.of("code", "404", "message", "Resource not found")));
        }
        if (!AZURE_DEPLOYMENT.equals(request.match().group(1))) {
            return Response.json(
                    404,
                    Map.of(
                            "error",
                            Map.of(
                                    "code",
                                    "DeploymentNotFound",
                                    "message",
                                    "The API deployment for this resource does not exist.")));
        }
        // The deployment names the model; the body's model is not consulted.
        ObjectNode body = request.json()
                .filter(JsonNode::isObject)
                .map(j -> (ObjectNode) j.deepCopy())
                .orElse(SimServer.JSON.createObjectNode());
        body.put("model", servedName);
        return answer.apply(new Request(
                request.method(),
                request.path(),
                request.query(),
                request.headers(),
                body.toString(),
                request.match()));
    }

    private Optional<Response> unknownModel(JsonNode json) {
        String model = json.path("model").asText("");
        if (model.equals(servedName)) {
            return Optional.empty();
        }
        return Optional.of(Response.json(
                404,
                Map.of(
                        "object",
                        "error",
                        "message",
                        "The model `" + model + "` does not exist.",
                        "type",
                        "NotFoundError",
                        "param",
                        "model",
                        "code",
                        404)));
    }

    private ObjectNode completionEnvelope(String object) {
        ObjectNode body = SimServer.JSON
                .createObjectNode()
                .put("id", "cmpl-sim")
                .put("object", object)
                .put("created", Instant.now().getEpochSecond())
                .put("model", servedName);
        body.putObject("usage")
                .put("prompt_tokens", 8)
                .put("completion_tokens", 9)
                .put("total_tokens", 17);
        return body;
    }

    private static Response badRequest(String message) {
        return Response.json(
                400, Map.of("object", "error", "message", message, "type", "BadRequestError", "code", 400));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
