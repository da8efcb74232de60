package dev.duoconformance.rules;

import dev.duoconformance.config.Environment;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One check of a section: the JUnit test of the same name runs it. It reads its section's automation {@code S} and
 * says what it found as a {@link Condition}; a per-model check does so once for each configured model of its kind.
 * Its {@link Gate} (which GitLab API and versions, which tokens, which vantage, opt-in) is the engine's to apply.
 */
public record Check<S>(
        String name,
        String title,
        Gate gate,
        Optional<ModelKind> models,
        BiFunction<S, Environment.Model, Condition> judgement,
        BiConsumer<S, Evidence> evidence) {

    public static <S> Check<S> of(String name, String title, Gate gate, Function<S, Condition> judgement) {
        return new Check<>(
                name,
                title,
                gate,
                Optional.empty(),
                (section, model) -> judgement.apply(section),
                (section, sink) -> {});
    }

    public static <S> Check<S> forEachModel(
            String name,
            String title,
            ModelKind models,
            Gate gate,
            BiFunction<S, Environment.Model, Condition> judgement) {
        return new Check<>(name, title, gate, Optional.of(models), judgement, (section, sink) -> {});
    }

    /** The same check, showing what it read beside its result once it has judged (attachments, steps, notes). */
    public Check<S> showing(BiConsumer<S, Evidence> shown) {
        return new Check<>(name, title, gate, models, judgement, shown);
    }
}
