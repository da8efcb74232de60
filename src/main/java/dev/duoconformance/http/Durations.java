package dev.duoconformance.http;

import java.time.Duration;

final class Durations {
    private Durations() {}

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
