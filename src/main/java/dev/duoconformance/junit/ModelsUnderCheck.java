package dev.duoconformance.junit;

import dev.duoconformance.config.Environment;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;

/** Supplies {@link ForEachModel} checks with the environment's models of the wanted kind. */
public final class ModelsUnderCheck implements ArgumentsProvider, AnnotationConsumer<ForEachModel> {

    public enum Kind {
        ALL("no model is configured (models: in the environment file)", m -> true),
        OPENAI_COMPATIBLE("no model with an OpenAI-compatible endpoint is configured (Bedrock and Azure OpenAI models are called by the "
                + "AI gateway only)", Environment.Model::hasOpenAiCompatibleEndpoint),
        VLLM("no model is served by vLLM", Environment.Model::mayBeVllm),
        BEDROCK("no Bedrock model (identifier bedrock/…) is configured", Environment.Model::isBedrock);

        private final String noneReason;
        private final Predicate<Environment.Model> filter;

        Kind(String noneReason, Predicate<Environment.Model> filter) {
            this.noneReason = noneReason;
            this.filter = filter;
        }
    }

    private Kind kind = Kind.ALL;

    /** For the vLLM rules, what serves the models instead: "; 'gpt-4o' is served by Azure OpenAI (platform azure, …)". */
    private static String others(Kind kind, ExtensionContext context) {
        if (kind != Kind.VLLM) {
            return "";
        }
        List<Environment.Model> all = ConformanceRun.of(context).environment().models();
        return all.isEmpty() ? "" : ": " + all.stream().map(m -> "model '" + m.name() + "' is served by " + m.platform().serverName()
                + " (" + m.platformSource() + ")").collect(java.util.stream.Collectors.joining("; ")) + "; vLLM 404 applies to vLLM";
    }

    @Override
    public void accept(ForEachModel annotation) {
        this.kind = annotation.value();
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        List<Environment.Model> models = ConformanceRun.of(context).environment().models().stream().filter(kind.filter).toList();
        if (models.isEmpty()) {
            return Stream.of(Arguments.of(new ModelUnderCheck(null, kind.noneReason + others(kind, context))));
        }
        return models.stream().map(m -> Arguments.of(new ModelUnderCheck(m, null)));
    }
}
