package dev.duoconformance.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.config.Environment;
import java.util.function.Consumer;

/** The requests the suite sends to the AI gateway itself, each sent at most once per run. */
public final class AiGatewayClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Endpoint aigw;
    private final Transport transport;
    private final Memo memo;
    private final Consumer<Exchange> evidence;

    public AiGatewayClient(Endpoint aigw, Transport transport, Memo memo, Consumer<Exchange> evidence) {
        this.aigw = aigw;
        this.transport = transport;
        this.memo = memo;
        this.evidence = evidence;
    }

    public Endpoint endpoint() {
        return aigw;
    }

    /** {@code GET /monitoring/healthz}: 200 {@code {}} whenever the process serves; needs no token. */
    public Exchange health() {
        return used(memo.once("aigw:healthz", () -> transport.get(aigw, "/monitoring/healthz")));
    }

    /** {@code GET /} without a token: 401 {@code {"error":…}} when authentication is on, 404 when it is bypassed. */
    public Exchange unauthenticatedRoot() {
        return used(memo.once("aigw:root", () -> transport.get(aigw, "/")));
    }

    /** The doc's probe {@code POST /v1/chat/agent}: the AI gateway asks the model for "Hello" (works only with auth bypassed). */
    public Exchange chatAgent(Environment.Model model) {
        return used(memo.once(
                "aigw:chat-agent:" + model.name(), () -> transport.post(aigw, "/v1/chat/agent", chatAgentBody(model))));
    }

    static String chatAgentBody(Environment.Model model) {
        ObjectNode payload = JSON.createObjectNode()
                .put("content", "Hello")
                .put("provider", "litellm")
                .put("model", model.family());
        model.endpoint().filter(e -> !model.isBedrock()).ifPresent(e -> payload.put("model_endpoint", e.toString()));
        model.identifier().ifPresent(id -> payload.put("model_identifier", id));
        if (model.apiKey().isPresent()) {
            payload.put("model_api_key", model.apiKey().reveal());
        }
        ObjectNode component = JSON.createObjectNode().put("type", "string");
        component.putObject("metadata").put("source", "duo-conformance").put("version", "1");
        component.set("payload", payload);
        ObjectNode body = JSON.createObjectNode();
        body.putArray("prompt_components").add(component);
        body.put("stream", false);
        return body.toString();
    }

    private Exchange used(Exchange exchange) {
        evidence.accept(exchange);
        return exchange;
    }
}
