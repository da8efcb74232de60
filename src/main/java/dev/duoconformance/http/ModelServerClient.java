package dev.duoconformance.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.config.Environment;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** The requests the suite sends to an OpenAI-compatible model server (vLLM, Ollama, …), each at most once per run. */
public final class ModelServerClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<Environment.Model, Endpoint> endpoints;
    private final Transport transport;
    private final Memo memo;
    private final Consumer<Exchange> evidence;

    public ModelServerClient(
            Function<Environment.Model, Endpoint> endpoints,
            Transport transport,
            Memo memo,
            Consumer<Exchange> evidence) {
        this.endpoints = endpoints;
        this.transport = transport;
        this.memo = memo;
        this.evidence = evidence;
    }

    /** {@code GET <endpoint>/models}: the served model names in {@code data[].id}. */
    public Exchange models(Environment.Model model) {
        return used(memo.once("model:models:" + model.name(), () -> transport.get(endpoints.apply(model), "/models")));
    }

    /** {@code POST <endpoint>/chat/completions} for the name the AI gateway would ask for, capped at a few tokens. */
    public Exchange chatCompletion(Environment.Model model) {
        return used(memo.once(
                "model:chat:" + model.name(),
                () -> transport.post(endpoints.apply(model), "/chat/completions", chatBody(model))));
    }

    /** The model's words in a chat completion ({@code choices[0].message.content}, or a reasoning model's reasoning: {@link ChatAnswer}), if it answered. */
    public static Optional<String> answerOf(Exchange chatCompletion) {
        if (chatCompletion.status() != 200) {
            return Optional.empty();
        }
        return chatCompletion.json().flatMap(ChatAnswer::of).map(ChatAnswer::text);
    }

    private static String chatBody(Environment.Model model) {
        ObjectNode body = JSON.createObjectNode().put("model", model.servedName());
        body.putArray("messages").addObject().put("role", "user").put("content", "Hello");
        body.put("max_tokens", 16).put("stream", false);
        return body.toString();
    }

    private Exchange used(Exchange exchange) {
        evidence.accept(exchange);
        return exchange;
    }
}
