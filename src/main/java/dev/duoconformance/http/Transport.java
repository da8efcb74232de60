package dev.duoconformance.http;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Per component (scheme and authority): once it let a request time out, the run sends it nothing more. */
    private final Map<String, String> silent = new ConcurrentHashMap<>();
    private final ExecutorService requests = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "duo-conformance-request");
        thread.setDaemon(true);
        return thread;
    });

    public Transport(Duration connectTimeout, Duration requestTimeout, Redactor redactor) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.deadline = connectTimeout.plus(requestTimeout);
        this.redactor = redactor;
    }

    public Exchange get(Endpoint endpoint, String path) {
        return send(endpoint, "GET", path, null);
    }

    public Exchange post(Endpoint endpoint, String path, String jsonBody) {
        return send(endpoint, "POST", path, jsonBody);
    }

    public Exchange send(Endpoint endpoint, String method, String path, String jsonBody) {
        String request = method + " " + endpoint.url(path);
        StringBuilder transcript = new StringBuilder(request).append('\n');
        String silentEarlier = silent.get(authority(endpoint));
        if (silentEarlier != null) {
            return failed(request, transcript, new TransportError(TransportError.Kind.SILENT_EARLIER, silentEarlier));
        }
        Filter recorder = (req, res, ctx) -> {
            req.getHeaders().forEach(h -> transcript.append(h.getName()).append(": ").append(redactor.header(h.getName(), h.getValue())).append('\n'));
            if (jsonBody != null) {
                transcript.append('\n').append(redactor.apply(jsonBody)).append('\n');
            }
            return ctx.next(req, res);
        };
        long sent = System.nanoTime();
        Future<Response> pending = requests.submit(() -> {
            RequestSpecification spec = RestAssured.given().spec(endpoint.spec()).filter(recorder);
            if (jsonBody != null) {
                spec.contentType("application/json").body(jsonBody);
            }
            return spec.request(method, path);
        });
        try {
            Response response = pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, String> headers = new LinkedHashMap<>();
            response.getHeaders().forEach(h -> headers.put(h.getName().toLowerCase(), h.getValue()));
            String body = response.getBody().asString();
            transcript.append("\n--- HTTP ").append(response.getStatusCode()).append('\n');
            headers.forEach((name, value) -> transcript.append(name).append(": ").append(redactor.header(name, value)).append('\n'));
            transcript.append('\n').append(redactor.apply(body));
            return Exchange.answered(request, response.getStatusCode(), headers, body, transcript.toString())
                    .took(java.time.Duration.ofNanos(System.nanoTime() - sent));
        } catch (TimeoutException e) {
            pending.cancel(true);
            return timedOut(endpoint, method, request, transcript, TransportError.timeout(deadline));
        } catch (ExecutionException e) {
            TransportError error = TransportError.classify(e.getCause(), URI.create(endpoint.url(path)).getHost());
            if (error.kind() == TransportError.Kind.TIMEOUT) {
                boolean connecting = String.valueOf(e.getCause().getMessage()).contains("connect");
                return timedOut(endpoint, method, request, transcript, new TransportError(TransportError.Kind.TIMEOUT, connecting
                        ? "no connection within " + Durations.human(connectTimeout) : "no answer within " + Durations.human(requestTimeout)));
            }
            return failed(request, transcript, error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(request, transcript, new TransportError(TransportError.Kind.OTHER, "interrupted"));
        }
    }

    private Exchange timedOut(Endpoint endpoint, String method, String request, StringBuilder transcript, TransportError timeout) {
        // A GET is answered by the component itself; a POST may wait on the components behind it, so only a silent
        // GET says that this component is silent.
        if (method.equals("GET")) {
            silent.putIfAbsent(authority(endpoint), "not sent: " + endpoint.component() + " at " + authority(endpoint)
                    + " did not answer (" + timeout.detail() + ") earlier in this run: " + request);
        }
        return failed(request, transcript, timeout);
    }

    private static String authority(Endpoint endpoint) {
        return endpoint.base().getScheme() + "://" + endpoint.base().getRawAuthority();
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
