package dev.duoconformance.junit;

import dev.duoconformance.config.Environment;
import dev.duoconformance.rules.ModelKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/** Supplies {@link ForEachModel} checks with the environment's models of the kind their declared check runs for. */
public final class ModelsUnderCheck implements ArgumentsProvider {

    /** For the vLLM rules, what serves the models instead: "; 'gpt-4o' is served by Azure OpenAI (platform azure, …)". */
    private static String others(ModelKind kind, ExtensionContext context) {
        if (kind != ModelKind.VLLM) {
            return "";
        }
        List<Environment.Model> all = ConformanceRun.of(context).environment().models();
        return all.isEmpty()
                ? ""
                : ": "
                        + all.stream()
                                .map(m -> "model '" + m.name() + "' is served by "
                                        + m.platform().serverName() + " (" + m.platformSource() + ")")
                                .collect(java.util.stream.Collectors.joining("; "))
                        + "; vLLM 404 applies to vLLM";
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        ModelKind kind = ConformanceExtension.checkOf(context)
                .models()
                .orElseThrow(() -> new IllegalStateException(context.getRequiredTestMethod()
                                .getName() + " runs for each model, and its declared check does not"));
        List<Environment.Model> models = ConformanceRun.of(context).environment().models().stream()
                .filter(kind::includes)
                .toList();
        if (models.isEmpty()) {
            return Stream.of(Arguments.of(new ModelUnderCheck(null, kind.noneReason() + others(kind, context))));
        }
        return models.stream().map(m -> Arguments.of(new ModelUnderCheck(m, null)));
    }
}
