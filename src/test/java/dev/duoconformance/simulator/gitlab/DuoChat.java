package dev.duoconformance.simulator.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.simulator.gitlab.GitLabInstance.Caller;
import dev.duoconformance.simulator.server.SimServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitLab Duo Chat as its GraphQL API presents it: {@code aiAction(input: {chat: …})} (ee/app/graphql/mutations/ai/action.rb)
 * stores the question and has the AI gateway answer it ({@code POST <aigw>/v2/chat/agent} with
 * {@code timeout: Gitlab::AiGateway.timeout}, ee/lib/gitlab/duo/chat/step_executor.rb); {@code aiMessages}
 * (ee/app/graphql/resolvers/ai/chat_messages_resolver.rb) returns the thread's messages. Errors are rendered as GitLab
 * does ({@code <content> Error code: [A1000](<docs>#error-a1000)}, ee/lib/gitlab/llm/chain/response_modifier.rb;
 * A1000 for {@code Net::ReadTimeout}, A9999 otherwise, ee/lib/gitlab/duo/chat/react_executor.rb). The simulator answers
 * before {@code aiAction} returns; the real one answers asynchronously, which the suite's polling covers.
 */
final class DuoChat {
    /** {@code Gitlab::AiGateway.timeout}: the setting, 60 s by default (ee/lib/gitlab/ai_gateway.rb). */
    static final int GATEWAY_TIMEOUT_SECONDS = 60;
    /** Simulator-only time scale: the gateway timeout is enforced at 1/100 of its value to keep the self-tests short. */
    private static final int TIME_SCALE = 100;
    /** The user's legacy thread, which a question without threadId or conversationType joins (ee/lib/gitlab/llm/thread_ensurer.rb). */
    private static final String THREAD = "gid://gitlab/Ai::Conversation::Thread/1";

    private static final String DOCS = "https://docs.gitlab.com/ee/user/gitlab_duo_chat/troubleshooting.html";

    private final GitLabInstance gitlab;
    private final Map<String, ObjectNode> answers = new ConcurrentHashMap<>();

    DuoChat(GitLabInstance gitlab) {
        this.gitlab = gitlab;
    }

    JsonNode ask(Caller caller, Map<String, JsonNode> arguments) {
        String content = arguments
                .getOrDefault("input", SimServer.JSON.nullNode())
                .path("chat")
                .path("content")
                .asText("");
        ObjectNode payload = SimServer.JSON.createObjectNode();
        ArrayNode errors = payload.putArray("errors");
        if (content.isBlank()) {
            errors.add("content can't be blank");
            return payload.putNull("requestId").putNull("threadId");
        }
        String requestId = UUID.randomUUID().toString();
        answers.put(requestId, answer(caller, requestId, content));
        return payload.put("requestId", requestId).put("threadId", THREAD);
    }

    JsonNode messages(Caller caller, Map<String, JsonNode> arguments) {
        List<String> wanted = SimServer.JSON.convertValue(
                arguments.getOrDefault("requestIds", SimServer.JSON.createArrayNode()),
                SimServer.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        ObjectNode connection = SimServer.JSON.createObjectNode();
        ArrayNode nodes = connection.putArray("nodes");
        answers.forEach((id, node) -> {
            if (wanted.isEmpty() || wanted.contains(id)) {
                nodes.add(node);
            }
        });
        return connection;
    }

    private ObjectNode answer(Caller caller, String requestId, String content) {
        ObjectNode message = SimServer.JSON
                .createObjectNode()
                .put("id", "gid://gitlab/Ai::Message/" + requestId)
                .put("requestId", requestId)
                .put("role", "ASSISTANT")
                .put("timestamp", Instant.now().toString())
                .putNull("chunkId")
                .put("threadId", THREAD);
        ArrayNode errors = message.putArray("errors");
        Optional<URI> url = gitlab.configuredGatewayUrl();
        Optional<GitLabSimulator.Model> model = gitlab.modelFor("duo_chat");
        ObjectNode body = SimServer.JSON.createObjectNode().put("prompt", content);
        model.ifPresent(m -> body.putObject("model_metadata")
                .put("name", m.family())
                .put("provider", "litellm")
                .put("endpoint", m.endpoint())
                .put("identifier", m.identifier())
                .put("api_key", m.apiToken()));
        GitLabInstance.GatewayCall call = gitlab.call(
                caller,
                url.map(URI::toString).orElse(GitLabInstance.CLOUD_GATEWAY),
                "/v2/chat/agent",
                body.toString(),
                Duration.ofMillis(GATEWAY_TIMEOUT_SECONDS * 1000L / TIME_SCALE));
        if (call.answer().isPresent() && call.answer().get().statusCode() == 200) {
            try {
                return message.put(
                        "content",
                        SimServer.JSON
                                .readTree(call.answer().get().body())
                                .path("response")
                                .asText(""));
            } catch (IOException e) {
                // falls through to A9999, as an unparseable answer does in GitLab
            }
        }
        if (call.error().startsWith("Net::ReadTimeout")) {
            String text = "I'm sorry, I couldn't respond in time. Please try again.";
            errors.add(text + " Error code: [A1000](" + DOCS + "#error-a1000)");
            return message.put("content", text);
        }
        String text = "I'm sorry, I can't generate a response. Please try again.";
        errors.add(text + " Error code: [A9999](" + DOCS + "#error-a9999)");
        return message.put("content", text);
    }
}
