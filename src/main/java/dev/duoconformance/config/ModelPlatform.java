package dev.duoconformance.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a model is served, which decides which documented rules apply to it ({@code vllm-404} only to vLLM).
 * {@code models[].platform} in the environment file names it; when absent it is inferred from the identifier, whose
 * prefix is the LiteLLM provider the AI gateway calls (configure_duo_features.md, "Model identifier":
 * {@code custom_openai/…} for vLLM, {@code bedrock/…}, {@code azure/…}). GitLab's supported serving platforms are vLLM, AWS
 * Bedrock and Azure OpenAI (supported_llm_serving_platforms.md); {@link #OLLAMA} is an OpenAI-compatible server GitLab does
 * not list, judged as one.
 */
public enum ModelPlatform {
    VLLM("vllm"),
    OLLAMA("ollama"),
    OPENAI_COMPATIBLE("openai-compatible"),
    AZURE("azure"),
    BEDROCK("bedrock");

    private final String key;

    ModelPlatform(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The server's name in words, for messages. */
    public String serverName() {
        return switch (this) {
            case VLLM -> "vLLM";
            case OLLAMA -> "Ollama";
            case OPENAI_COMPATIBLE -> "an OpenAI-compatible server";
            case AZURE -> "Azure OpenAI";
            case BEDROCK -> "Amazon Bedrock";
        };
    }

    public static Optional<ModelPlatform> named(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(ModelPlatform::key).collect(Collectors.joining(", "));
    }

    /**
     * The platform an identifier's provider prefix names: {@code bedrock/…} or a Bedrock ARN (whose missing
     * {@code bedrock/} prefix the bedrock-model-id section then fails), {@code azure/…},
     * {@code ollama/…} or {@code ollama_chat/…}; anything else (including {@code custom_openai/…} and no identifier) is
     * an OpenAI-compatible server, which a vLLM listing ({@link #servesAsVllm}) narrows to vLLM.
     */
    public static ModelPlatform fromIdentifier(Optional<String> identifier) {
        String id = identifier.orElse("");
        if (id.startsWith("bedrock/") || id.startsWith("arn:aws:bedrock:")) {
            return BEDROCK;
        }
        if (id.startsWith("azure/")) {
            return AZURE;
        }
        if (id.startsWith("ollama/") || id.startsWith("ollama_chat/")) {
            return OLLAMA;
        }
        return OPENAI_COMPATIBLE;
    }

    /** Whether a declared platform can serve a model with this identifier (a prefix naming another provider cannot). */
    public boolean fits(Optional<String> identifier) {
        ModelPlatform byPrefix = fromIdentifier(identifier);
        return byPrefix == this || byPrefix == OPENAI_COMPATIBLE && (this == VLLM || this == OLLAMA);
    }

    /**
     * vLLM's {@code GET /v1/models} lists each served model with {@code "owned_by": "vllm"}
     * (supported_llm_serving_platforms.md, the vLLM listing example).
     */
    public static boolean servesAsVllm(com.fasterxml.jackson.databind.JsonNode listing) {
        for (com.fasterxml.jackson.databind.JsonNode model : listing.path("data")) {
            if ("vllm".equals(model.path("owned_by").asText())) {
                return true;
            }
        }
        return false;
    }
}
