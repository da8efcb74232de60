package dev.duoconformance.simulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A component simulator's HTTP side: routes by method and path, on an ephemeral loopback port, over HTTP or HTTPS.
 * It records every request it gets; a request no route knows is answered like the real component answers an
 * unknown path, and is also kept in {@link #unknownRequests()} so a self-test can catch a check that drifted.
 */
public final class SimServer implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;

    /** A request as a handler sees it. */
    public record Request(
            String method, String path, String query, Map<String, String> headers, String body, Matcher match) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase()));
        }

        /** The body as JSON, or empty when it is not JSON. */
        public Optional<JsonNode> json() {
            try {
                return body.isBlank() ? Optional.empty() : Optional.of(JSON.readTree(body));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    /** A body a hostile server writes as it likes: slowly, without end, compressed. */
    @FunctionalInterface
    public interface BodyStream {
        void write(OutputStream out, Pacing pacing) throws IOException;
    }

    /** How a {@link BodyStream} waits, as a slow server would. */
    @FunctionalInterface
    public interface Pacing {
        /** Waits up to {@code duration}; false once the simulator is closed (the body must end then). */
        boolean pause(Duration duration);
    }

    /**
     * What a handler answers: status, headers, body; or {@link #silence()} to never answer; or a {@link #streamed} body
     * with a declared length ({@code 0}: chunked).
     */
    public record Response(int status, Map<String, String> headers, String body, long length, BodyStream stream) {
        static final Response SILENCE = new Response(-1, Map.of(), "");
        static final Response DROP = new Response(-2, Map.of(), "");

        public Response(int status, Map<String, String> headers, String body) {
            this(status, headers, body, -1, null);
        }

        public static Response streamed(int status, Map<String, String> headers, long length, BodyStream stream) {
            return new Response(status, headers, "", length, stream);
        }

        public static Response json(int status, Object body) {
            try {
                String text = body instanceof String s ? s : JSON.writeValueAsString(body);
                return new Response(status, Map.of("Content-Type", "application/json"), text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public static Response text(int status, String body) {
            return new Response(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
        }

        public static Response silence() {
            return SILENCE;
        }

        /** Closes the connection without an answer, as a network policy that resets the sender's connections looks to it. */
        public static Response drop() {
            return DROP;
        }

        public Response withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Response(status, more, body, length, stream);
        }
    }

    /** A request the simulator received, with its sender's User-Agent, for the self-tests' allow-list and drift checks. */
    /** A request as it arrived; {@code at} lets the benchmark read the run's timeline from the record. */
    public record Received(String component, String method, String path, String agent, boolean known, Instant at) {}

    private record Route(String method, Pattern path, Function<Request, Response> handler) {}

    private final String component;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "simulator");
        t.setDaemon(true);
        return t;
    });
    private final List<Route> routes = new ArrayList<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Object silenceLock = new Object();
    private Function<Request, Optional<Response>> gate = r -> Optional.empty();
    private Function<Request, Response> unknown;
    private volatile boolean closed;
    private Duration latency = Duration.ZERO;
    private String pathPrefix = "";

    private SimServer(String component, HttpServer server) {
        this.component = component;
        this.server = server;
        this.unknown = r -> Response.json(404, Map.of("detail", "Not Found"));
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    public static SimServer http(String component) {
        try {
            return new SimServer(
                    component, HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SimServer https(String component, SSLContext tls) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new SimServer(component, server);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public SimServer route(String method, String pathRegex, Function<Request, Response> handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
        return this;
    }

    /** Runs before routing, like a middleware: an answer here (an auth failure, a fault) wins. */
    public SimServer gate(Function<Request, Optional<Response>> gate) {
        this.gate = gate;
        return this;
    }

    /** A delay added to every answer, as a slow network or a busy component would (benchmarks only). */
    public SimServer latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** Serves the component under a path prefix, as behind a reverse proxy ({@code https://host/gitlab}). */
    public SimServer pathPrefix(String prefix) {
        this.pathPrefix = prefix;
        return this;
    }

    public SimServer whenUnknown(Function<Request, Response> unknown) {
        this.unknown = unknown;
        return this;
    }

    public SimServer start() {
        server.start();
        return this;
    }

    public URI url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + pathPrefix);
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<Received> unknownRequests() {
        return received().stream().filter(r -> !r.known()).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant arrived = Instant.now();
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            String path = uri.getRawPath();
            boolean underPrefix = path.startsWith(pathPrefix + "/");
            path = underPrefix ? path.substring(pathPrefix.length()) : path;
            Response response = null;
            boolean known = false;
            for (Route route : underPrefix ? routes : List.<Route>of()) {
                Matcher m = route.path.matcher(path);
                if (m.matches() && route.method.equals(method)) {
                    known = true;
                    Request request = new Request(method, path, uri.getRawQuery(), headers, body, m);
                    response = gate.apply(request).orElseGet(() -> route.handler.apply(request));
                    break;
                }
            }
            received.add(new Received(component, method, path, headers.getOrDefault("user-agent", ""), known, arrived));
            if (response == null) {
                Request request = new Request(method, path, uri.getRawQuery(), headers, body, null);
                response = gate.apply(request).orElseGet(() -> unknown.apply(request));
            }
            if (response == Response.SILENCE) {
                waitUntilClosed();
                return;
            }
            if (response == Response.DROP) {
                return; // the exchange closes with no response headers sent: the connection is closed unanswered
            }
            delay();
            if (response.stream() != null) {
                stream(exchange, response);
                return;
            }
            send(exchange, method.equals("HEAD") ? new Response(response.status(), response.headers(), "") : response);
        } catch (RuntimeException e) {
            send(exchange, Response.text(500, "Internal Server Error"));
        }
    }

    private void delay() {
        if (latency.isZero()) {
            return;
        }
        try {
            // Simulated network latency, not a wait for readiness.
            TimeUnit.MILLISECONDS.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stream(HttpExchange exchange, Response response) {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        try {
            exchange.sendResponseHeaders(response.status(), response.length());
            OutputStream out = exchange.getResponseBody();
            response.stream().write(out, this::pause);
            out.close();
        } catch (IOException e) {
            // The suite dropped the connection (its deadline or its size bound): the hostile body ends here.
        }
    }

    private boolean pause(Duration duration) {
        synchronized (silenceLock) {
            if (!closed && !duration.isZero()) {
                try {
                    silenceLock.wait(duration.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !closed;
        }
    }

    private void waitUntilClosed() {
        synchronized (silenceLock) {
            while (!closed) {
                try {
                    silenceLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        synchronized (silenceLock) {
            closed = true;
            silenceLock.notifyAll();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
