package dev.duoconformance.catalogue;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The one place that turns a {@link Failure} into the message a person reads. */
public final class FailureRenderer {
    private final Catalogue catalogue;
    private final UnaryOperator<String> redact;

    public FailureRenderer(Catalogue catalogue, UnaryOperator<String> redact) {
        this.catalogue = catalogue;
        this.redact = redact;
    }

    public String render(Failure failure) {
        return render(failure, Map.of());
    }

    /**
     * With the values this run knows for the steps' placeholders ({@code {gitlab-url}}, a model's {@code {endpoint}}…), so
     * a fix command reads {@code curl http://vllm:8000/v1/models}; a placeholder without a value stays as the doc writes it.
     */
    public String render(Failure failure, Map<String, String> known) {
        Section section = catalogue.section(failure.section());
        Catalogue.Labels labels = catalogue.labels();
        int width = List.of(labels.checked(), labels.expected(), labels.butWas()).stream()
                        .mapToInt(String::length)
                        .max()
                        .orElse(0)
                + 2;
        StringBuilder out = new StringBuilder();
        out.append('[')
                .append(section.id())
                .append("] ")
                .append(section.statement())
                .append('\n');
        out.append(row(labels.checked(), width, failure.checked()));
        out.append(row(labels.expected(), width, failure.expected()));
        out.append(row(labels.butWas(), width, failure.butWas()));
        out.append(labels.tryFixingIt()).append(":\n");
        List<String> steps = section.stepsFor(failure.cause(), failure.runtime());
        for (int i = 0; i < steps.size(); i++) {
            out.append("  ")
                    .append(i + 1)
                    .append(". ")
                    .append(filledIn(steps.get(i), known))
                    .append('\n');
        }
        out.append(labels.moreInformation()).append(": ").append(section.docUrl());
        return redact.apply(out.toString());
    }

    /** The first step for the failure's cause, as {@link #render} shows it; empty for a cause without steps. */
    public java.util.Optional<String> firstStep(Failure failure, Map<String, String> known) {
        List<String> steps = catalogue.section(failure.section()).stepsFor(failure.cause(), failure.runtime());
        return steps.isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(redact.apply(filledIn(steps.get(0), known)));
    }

    private static String filledIn(String step, Map<String, String> known) {
        String filled = step;
        for (Map.Entry<String, String> value : known.entrySet()) {
            // The environment file's values, not the target's, but the step is shown as HTML too: made inert.
            filled = filled.replace("{" + value.getKey() + "}", Inert.text(value.getValue()));
        }
        return filled;
    }

    /**
     * What was checked, expected and found may quote the target: each goes through {@link Shown#message} whole (masked
     * before anything else touches it); the catalogue's own text is not made inert.
     */
    private String row(String label, int width, String value) {
        String padded = String.format("%-" + width + "s", label + ":");
        return "  " + padded + Shown.message(value, redact).replace("\n", "\n  " + " ".repeat(width)) + "\n";
    }
}
