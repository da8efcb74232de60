package dev.duoconformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The answer in an OpenAI-compatible chat completion. A reasoning model (GPT-oss on vLLM, supported_models_and_hardware_requirements.md)
 * can spend a small {@code max_tokens} entirely on reasoning: {@code content} null or empty, the text in
 * {@code reasoning_content} (vLLM up to 0.10) or {@code reasoning} (vLLM 0.11+, docs.vllm.ai "Reasoning Outputs"), and
 * {@code finish_reason: length}. That model answered.
 */
public record ChatAnswer(String text, boolean reasoningOnly, String finishReason) {

    public static Optional<ChatAnswer> of(JsonNode completion) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        String finish = choice.path("finish_reason").asText("");
        String content =
                message.path("content").isTextual() ? message.path("content").asText() : "";
        if (!content.isBlank()) {
            return Optional.of(new ChatAnswer(content, false, finish));
        }
        for (String field : new String[] {"reasoning_content", "reasoning"}) {
            JsonNode reasoning = message.path(field);
            if (reasoning.isTextual() && !reasoning.asText().isBlank()) {
                return Optional.of(new ChatAnswer(reasoning.asText(), true, finish));
            }
        }
        return Optional.empty();
    }

    /** The note a check adds for a reasoning-only answer. */
    public String note(int maxTokens) {
        return "the model answered with reasoning only (finish_reason: " + finishReason + " at max_tokens " + maxTokens
                + ") — a reasoning model";
    }
}
