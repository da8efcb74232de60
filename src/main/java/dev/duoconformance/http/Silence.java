package dev.duoconformance.http;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The components that let a request or a TLS handshake run into its deadline in this run, by scheme and authority:
 * the run sends them nothing more, so a silent component costs one deadline, not one per check.
 */
public final class Silence {
    private final Map<String, String> silent = new ConcurrentHashMap<>();

    /** Why nothing more is sent to the component at {@code url}, when it was silent earlier in the run. */
    public Optional<String> earlier(URI url) {
        return Optional.ofNullable(silent.get(authority(url)));
    }

    void mark(URI url, String component, String what, String request) {
        silent.putIfAbsent(
                authority(url),
                "not sent: " + component + " at " + authority(url) + " did not answer (" + what
                        + ") earlier in this run: " + request);
    }

    static String authority(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }
}
