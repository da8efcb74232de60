package dev.duoconformance.rules.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.behaviour.GatewayTimeout;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GraphQlAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The opt-in Duo Chat round trip both duo-chat and error-a1000 read: one question ({@code aiAction} chat), then its
 * answer ({@code aiMessages}) polled until a deadline. Every request is memoized by the client, so the second check
 * to ask replays the first one's answers instead of asking again.
 */
final class ChatRoundTrip {
    /** What came of the question. */
    record Outcome(
            Optional<String> refused, Optional<String> answer, List<String> errors, String request, Duration deadline) {
        boolean answered() {
            return answer.isPresent();
        }
    }

    private ChatRoundTrip() {}

    /** {@code gatewayTimeoutSeconds}: GitLab's wait for the AI gateway; the deadline adds 30 s for GitLab's own work. */
    static Outcome ask(GitLabClient gitlab, int gatewayTimeoutSeconds) {
        Duration deadline = Duration.ofSeconds(gatewayTimeoutSeconds + 30L);
        GraphQlAnswer question = gitlab.askChat();
        JsonNode action = question.data().path("aiAction");
        String request = "GraphQL aiAction chat (\"" + GitLabClient.CHAT_QUESTION_TEXT + "\") and aiMessages";
        List<String> errors = new ArrayList<>();
        action.path("errors").forEach(e -> errors.add(e.asText()));
        if (!question.answered()
                || !question.errors().isEmpty()
                || !action.path("requestId").isTextual()
                || !errors.isEmpty()) {
            return new Outcome(
                    Optional.of(errors.isEmpty() ? question.outcome() : String.join("; ", errors)),
                    Optional.empty(),
                    errors,
                    request,
                    deadline);
        }
        String requestId = action.path("requestId").asText();
        Optional<String> threadId = Optional.ofNullable(action.path("threadId").textValue());
        AtomicInteger attempt = new AtomicInteger();
        AtomicReference<JsonNode> found = new AtomicReference<>();
        try {
            Awaitility.await()
                    .atMost(deadline)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        GraphQlAnswer answer = gitlab.chatAnswer(threadId, requestId, attempt.getAndIncrement());
                        for (JsonNode node : answer.data().path("aiMessages").path("nodes")) {
                            if (requestId.equals(node.path("requestId").asText())
                                    && "ASSISTANT".equals(node.path("role").asText())
                                    && node.path("chunkId").isNull()) {
                                found.set(node);
                                return true;
                            }
                        }
                        return false;
                    });
        } catch (ConditionTimeoutException e) {
            return new Outcome(Optional.empty(), Optional.empty(), List.of(), request, deadline);
        }
        List<String> answerErrors = new ArrayList<>();
        found.get().path("errors").forEach(e -> answerErrors.add(e.asText()));
        return new Outcome(
                Optional.empty(), Optional.of(found.get().path("content").asText("")), answerErrors, request, deadline);
    }

    /**
     * GitLab's AI gateway timeout: {@code duoSettings.aiGatewayTimeoutSeconds} (18.7+) within the range GitLab allows,
     * else its default of 60 s.
     */
    static GatewayTimeout gatewayTimeout(GitLabClient gitlab) {
        if (!gitlab.has(GitLabClient.Identity.ADMIN)) {
            return GatewayTimeout.byDefault();
        }
        JsonNode seconds = gitlab.gatewayTimeout().data().path("duoSettings").path("aiGatewayTimeoutSeconds");
        return seconds.canConvertToLong() && seconds.isIntegralNumber()
                ? GatewayTimeout.reported(seconds.asLong())
                : GatewayTimeout.byDefault();
    }
}
