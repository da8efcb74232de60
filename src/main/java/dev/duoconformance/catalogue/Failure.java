package dev.duoconformance.catalogue;

/**
 * A documented symptom found: which section and cause, what was checked, what the doc expects and what came back.
 * Rendered into the failure message by {@link FailureRenderer}.
 */
public record Failure(String section, String cause, String checked, String expected, String butWas) {}
