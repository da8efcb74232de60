package dev.duoconformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duoconformance.catalogue.Shown;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request the suite sent and what came back: an HTTP answer, or the {@link TransportError} that kept it from
 * coming. Its {@link #transcript()} is redacted and safe to show.
 */
public final class Exchange {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUOTED_BODY = 300;
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title>(.*?)</title>");

    private final String request;
    private final int status;
    private final Map<String, String> headers;
    private final String body;
    private final boolean truncated;
    private final TransportError error;
    private final String transcript;
    private final java.time.Duration elapsed;

    private Exchange(
            String request,
            int status,
            Map<String, String> headers,
            String body,
            boolean truncated,
            TransportError error,
            String transcript) {
        this(request, status, headers, body, truncated, error, transcript, java.time.Duration.ZERO);
    }

    private Exchange(
            String request,
            int status,
            Map<String, String> headers,
            String body,
            boolean truncated,
            TransportError error,
            String transcript,
            java.time.Duration elapsed) {
        this.elapsed = elapsed;
        this.request = request;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.truncated = truncated;
        this.error = error;
        this.transcript = transcript;
    }

    /** An answer; {@code truncated} when its body went on past the limit of what the suite reads. */
    public static Exchange answered(
            String request,
            int status,
            Map<String, String> headers,
            String body,
            boolean truncated,
            String transcript) {
        return new Exchange(request, status, Map.copyOf(headers), body, truncated, null, transcript);
    }

    public static Exchange answered(
            String request, int status, Map<String, String> headers, String body, String transcript) {
        return answered(request, status, headers, body, false, transcript);
    }

    public static Exchange failed(String request, TransportError error, String transcript) {
        return new Exchange(request, -1, Map.of(), "", false, error, transcript);
    }

    /** The same exchange, with how long it took from sending to the last byte of the answer. */
    public Exchange took(java.time.Duration elapsed) {
        return new Exchange(request, status, headers, body, truncated, error, transcript, elapsed);
    }

    /** How long the answer took (zero when not measured); reported, never asserted on. */
    public java.time.Duration elapsed() {
        return elapsed;
    }

    /** {@code METHOD url}, as shown after "Checked:". */
    public String request() {
        return request;
    }

    public boolean answered() {
        return error == null;
    }

    public Optional<TransportError> error() {
        return Optional.ofNullable(error);
    }

    public boolean failedWith(TransportError.Kind kind) {
        return error != null && error.kind() == kind;
    }

    public int status() {
        return status;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase()));
    }

    public String body() {
        return body;
    }

    /** Whether the body went on past the limit of what the suite reads ({@link #body()} holds only its start). */
    public boolean truncated() {
        return truncated;
    }

    /** The body as JSON, or empty when it is not JSON (an HTML error page, a truncated answer). */
    public Optional<JsonNode> json() {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What came back, in one line for "But was:": the status and the body, or what kind of answer it was instead. */
    public String outcome() {
        if (error != null) {
            return error.detail();
        }
        String head = "HTTP " + status;
        if (status >= 300 && status < 400) {
            String location =
                    header("location").map(l -> Shown.quote(l, QUOTED_BODY)).orElse("(no Location header)");
            return head + " redirect to " + location
                    + (location.contains("/users/sign_in")
                            ? " — a GitLab login page: this URL leads to GitLab's web UI, not to the API it should reach"
                            : "");
        }
        if (truncated) {
            return head + " with a body of over " + (BoundedBodies.LIMIT >> 20) + " MiB (reading stopped there): "
                    + shorten(body);
        }
        if (body.isBlank()) {
            return head + " with an empty body";
        }
        if (isHtml()) {
            Matcher title = HTML_TITLE.matcher(body);
            return head + " with an HTML page" + (title.find() ? " titled '" + shorten(title.group(1)) + "'" : "")
                    + " where JSON was expected (a proxy, load balancer or login page answered)";
        }
        String json = header("content-type").orElse("").contains("json") && json().isEmpty()
                ? " (not valid JSON: truncated or malformed)"
                : "";
        return head + " " + shorten(body) + json;
    }

    private boolean isHtml() {
        return header("content-type").orElse("").contains("html")
                || body.stripLeading().toLowerCase().startsWith("<!doctype html")
                || body.stripLeading().toLowerCase().startsWith("<html");
    }

    /** The text in one line, whole: {@link Shown} shortens it once it has been redacted. */
    private static String shorten(String text) {
        return Shown.quote(text.strip().replaceAll("\\s+", " "), QUOTED_BODY);
    }

    public String transcript() {
        return transcript;
    }

    @Override
    public String toString() {
        return request + " -> " + outcome();
    }
}
