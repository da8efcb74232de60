package dev.duoconformance.runtime;

import java.util.function.Function;

/**
 * What the suite learnt from the Docker engine or the Kubernetes API, or why it could not learn it (no socket, no
 * permission, no such container or pod). A problem is a value, not an exception, so the memo keeps it and an
 * unreachable engine or API server costs one try.
 */
public record Inspection<T>(T value, String problem) {

    public static <T> Inspection<T> of(T value) {
        return new Inspection<>(value, null);
    }

    public static <T> Inspection<T> problem(String problem) {
        return new Inspection<>(null, problem);
    }

    public boolean ok() {
        return problem == null;
    }

    public <X extends RuntimeException> T orElseThrow(Function<String, X> failure) {
        if (problem != null) {
            throw failure.apply(problem);
        }
        return value;
    }
}
