package dev.duoconformance.catalogue;

/**
 * A documented symptom found: which section and cause, what was checked, what the doc expects and what came back.
 * Rendered into the failure message by {@link FailureRenderer}. {@code runtime} picks the wording of the steps where
 * they differ by where the AI gateway runs ({@link Section#KUBERNETES}); empty for the doc's own (Docker) wording.
 */
public record Failure(String section, String cause, String checked, String expected, String butWas, String runtime) {
    public Failure(String section, String cause, String checked, String expected, String butWas) {
        this(section, cause, checked, expected, butWas, "");
    }
}
