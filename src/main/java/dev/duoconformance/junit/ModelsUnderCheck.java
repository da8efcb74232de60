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
        OPENAI_COMPATIBLE("no model with an OpenAI-compatible endpoint is configured (Bedrock models are called by the AI gateway only)",
                Environment.Model::hasOpenAiCompatibleEndpoint),
        BEDROCK("no Bedrock model (identifier bedrock/…) is configured", Environment.Model::isBedrock);

        private final String noneReason;
        private final Predicate<Environment.Model> filter;

        Kind(String noneReason, Predicate<Environment.Model> filter) {
            this.noneReason = noneReason;
            this.filter = filter;
        }
    }

    private Kind kind = Kind.ALL;

    @Override
    public void accept(ForEachModel annotation) {
        this.kind = annotation.value();
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        List<Environment.Model> models = ConformanceRun.of(context).environment().models().stream().filter(kind.filter).toList();
        if (models.isEmpty()) {
            return Stream.of(Arguments.of(new ModelUnderCheck(null, kind.noneReason)));
        }
        return models.stream().map(m -> Arguments.of(new ModelUnderCheck(m, null)));
    }
}
