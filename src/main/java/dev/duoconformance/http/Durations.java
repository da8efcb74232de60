package dev.duoconformance.http;

import java.time.Duration;

/** A duration as messages show it: {@code 10s}, {@code 500ms}. */
public final class Durations {
    private Durations() {}

    public static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
