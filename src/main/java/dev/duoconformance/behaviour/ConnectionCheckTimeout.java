package dev.duoconformance.behaviour;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * GitLab's model connection check (and the health check's end-to-end probe) gives the AI gateway 3 seconds:
 * {@code COMPLETION_CHECK_TIMEOUT = 3.seconds} in ee/lib/gitlab/llm/ai_gateway/code_suggestions_client.rb, whatever
 * the AI gateway request timeout is. A timeout there surfaces as the exception's message, e.g.
 * {@code ERROR: Net::ReadTimeout with #<TCPSocket:(closed)>}.
 */
public final class ConnectionCheckTimeout {
    public static final Duration LIMIT = Duration.ofSeconds(3);
    private static final Pattern TIMEOUT = Pattern.compile("(?i)timeout|timed out");

    private ConnectionCheckTimeout() {}

    public static boolean isTimeout(String message) {
        return TIMEOUT.matcher(message).find();
    }

    /** Whether the model itself is too slow for GitLab's check, as measured by the suite's own direct request. */
    public static boolean modelSlowerThanLimit(Duration measured) {
        return measured.compareTo(LIMIT) >= 0;
    }

    /** What GitLab said, set against the latency this runner measured and GitLab's limit. */
    public static String explain(String message, Duration measured) {
        String seconds = seconds(measured);
        if (modelSlowerThanLimit(measured)) {
            return "success: false, \"" + message + "\" — the model answers this runner in " + seconds
                    + " s, and GitLab's connection "
                    + "check waits 3 s for the AI gateway (COMPLETION_CHECK_TIMEOUT); real requests wait longer (Code Suggestions 55 s, "
                    + "Chat aiGatewayTimeoutSeconds)";
        }
        return "success: false, \"" + message
                + "\" — GitLab timed out after 3 s although the model answers this runner in " + seconds
                + " s: the AI gateway's route to the model is slower (network, proxy)";
    }

    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
