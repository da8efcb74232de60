package dev.duoconformance.config;

import java.util.Objects;

/** A token or API key from the process environment. Its {@code toString} never shows the value. */
public final class Secret {
    private static final Secret NONE = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value);
    }

    public static Secret none() {
        return NONE;
    }

    public boolean isPresent() {
        return !value.isEmpty();
    }

    /** The value itself, for the one place that sends it: a request header or body. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return isPresent() ? "[secret]" : "[none]";
    }
}
