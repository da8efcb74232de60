package dev.duoconformance.rules;

import dev.duoconformance.config.Environment;
import java.util.function.Predicate;

/** The configured models a per-model check runs for, and what it says when there is none of them. */
public enum ModelKind {
    ALL("no model is configured (models: in the environment file)", m -> true),
    OPENAI_COMPATIBLE(
            "no model with an OpenAI-compatible endpoint is configured (Bedrock and Azure OpenAI models are called by the "
                    + "AI gateway only)",
            Environment.Model::hasOpenAiCompatibleEndpoint),
    VLLM("no model is served by vLLM", Environment.Model::mayBeVllm),
    BEDROCK("no Bedrock model (identifier bedrock/…) is configured", Environment.Model::isBedrock);

    private final String noneReason;
    private final Predicate<Environment.Model> filter;

    ModelKind(String noneReason, Predicate<Environment.Model> filter) {
        this.noneReason = noneReason;
        this.filter = filter;
    }

    public String noneReason() {
        return noneReason;
    }

    public boolean includes(Environment.Model model) {
        return filter.test(model);
    }
}
