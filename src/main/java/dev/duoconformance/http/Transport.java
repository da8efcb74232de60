package dev.duoconformance.http;

import dev.duoconformance.catalogue.Shown;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request and always returns an {@link Exchange}: an answer or a classified transport error, never an
 * exception. Every request has a hard deadline, so a server that trickles bytes cannot hold the run, and a component
 * that let one request time out costs the run that one timeout: later requests to it are not sent.
 */
public final class Transport implements AutoCloseable {
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration deadline;
    private final Redactor redactor;
    private final Silence silence;
    private final ExecutorService requests = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "duo-conformance-request");
        thread.setDaemon(true);
        return thread;
    });

    public Transport(Duration connectTimeout, Duration requestTimeout, Redactor redactor) {
        this(connectTimeout, requestTimeout, redactor, new Silence());
    }

    public Transport(Duration connectTimeout, Duration requestTimeout, Redactor redactor, Silence silence) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.deadline = connectTimeout.plus(requestTimeout);
        this.redactor = redactor;
        this.silence = silence;
    }

    public Exchange get(Endpoint endpoint, String path) {
        return send(endpoint, "GET", path, null);
    }

    public Exchange post(Endpoint endpoint, String path, String jsonBody) {
        return send(endpoint, "POST", path, jsonBody);
    }

    /** An answer read in full (up to {@link BoundedBodies#LIMIT}) before the deadline. */
    private record Answer(int status, Map<String, String> headers, String body, boolean truncated) {}

    public Exchange send(Endpoint endpoint, String method, String path, String jsonBody) {
        String request = method + " " + endpoint.url(path);
        StringBuilder transcript = new StringBuilder(request).append('\n');
        Optional<String> silentEarlier = silence.earlier(endpoint.base());
        if (silentEarlier.isPresent()) {
            return failed(
                    request, transcript, new TransportError(TransportError.Kind.SILENT_EARLIER, silentEarlier.get()));
        }
        Filter recorder = (req, res, ctx) -> {
            req.getHeaders()
                    .forEach(h -> transcript
                            .append(h.getName())
                            .append(": ")
                            .append(redactor.header(h.getName(), h.getValue()))
                            .append('\n'));
            if (jsonBody != null) {
                transcript.append('\n').append(redactor.apply(jsonBody)).append('\n');
            }
            return ctx.next(req, res);
        };
        long sent = System.nanoTime();
        BoundedBodies.InFlight inFlight = new BoundedBodies.InFlight();
        // The body is read inside the deadline too: a stalled, trickling or endless body costs one deadline.
        Future<Answer> pending = requests.submit(() -> inFlight.during(() -> {
            RequestSpecification spec =
                    RestAssured.given().spec(endpoint.spec()).filter(recorder);
            if (jsonBody != null) {
                spec.contentType("application/json").body(jsonBody);
            }
            Response response = spec.request(method, path);
            Map<String, String> headers = new LinkedHashMap<>();
            response.getHeaders().forEach(h -> headers.put(h.getName().toLowerCase(), h.getValue()));
            String body = new String(response.getBody().asByteArray(), StandardCharsets.UTF_8);
            return new Answer(response.getStatusCode(), headers, body, inFlight.truncated());
        }));
        try {
            Answer answer = pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            transcript.append("\n--- HTTP ").append(answer.status()).append('\n');
            answer.headers()
                    .forEach((name, value) -> transcript
                            .append(name)
                            .append(": ")
                            .append(redactor.header(name, value))
                            .append('\n'));
            transcript.append('\n').append(redactor.apply(answer.body()));
            return Exchange.answered(
                            request,
                            answer.status(),
                            answer.headers(),
                            answer.body(),
                            answer.truncated(),
                            transcript.toString())
                    .took(java.time.Duration.ofNanos(System.nanoTime() - sent));
        } catch (TimeoutException e) {
            inFlight.abort();
            pending.cancel(true);
            return timedOut(endpoint, method, request, transcript, inFlight, deadline, false);
        } catch (ExecutionException e) {
            TransportError error = TransportError.classify(
                    e.getCause(), URI.create(endpoint.url(path)).getHost());
            if (error.kind() == TransportError.Kind.TIMEOUT) {
                boolean connecting = inFlight.status().isEmpty()
                        && String.valueOf(e.getCause().getMessage()).contains("connect");
                return timedOut(
                        endpoint,
                        method,
                        request,
                        transcript,
                        inFlight,
                        connecting ? connectTimeout : requestTimeout,
                        connecting);
            }
            return failed(request, transcript, error);
        } catch (InterruptedException e) {
            inFlight.abort();
            Thread.currentThread().interrupt();
            return failed(request, transcript, new TransportError(TransportError.Kind.OTHER, "interrupted"));
        }
    }

    /** What came back before the time ran out: nothing, or the status line and the start of a body that never ended. */
    private Exchange timedOut(
            Endpoint endpoint,
            String method,
            String request,
            StringBuilder transcript,
            BoundedBodies.InFlight inFlight,
            Duration after,
            boolean connecting) {
        TransportError timeout = new TransportError(
                TransportError.Kind.TIMEOUT,
                inFlight.status()
                        .map(status -> status + " came, but its body did not end within " + Durations.human(after)
                                + " (" + inFlight.bodyBytes() + " bytes received"
                                + (inFlight.bodyBytes() == 0 ? "" : ": " + quoted(inFlight.bodySoFar()))
                                + "); the connection was dropped")
                        .orElse((connecting ? "no connection within " : "no answer within ") + Durations.human(after)));
        // A GET is answered by the component itself; a POST may wait on the components behind it, so only a silent
        // GET says that this component is silent.
        if (method.equals("GET")) {
            silence.mark(endpoint.base(), endpoint.component(), timeout.detail(), request);
        }
        return failed(request, transcript, timeout);
    }

    /** Shortened by {@link Shown} once redacted whole. */
    private static String quoted(String bodySoFar) {
        return "'" + Shown.quote(bodySoFar.strip().replaceAll("\\s+", " "), 100) + "'";
    }

    private static Exchange failed(String request, StringBuilder transcript, TransportError error) {
        transcript.append("\n--- ").append(error.detail());
        return Exchange.failed(request, error, transcript.toString());
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }
}
