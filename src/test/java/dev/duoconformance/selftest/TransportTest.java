package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.Redactor;
import dev.duoconformance.http.RequestSpecs;
import dev.duoconformance.http.Silence;
import dev.duoconformance.http.TlsInspector;
import dev.duoconformance.http.Transport;
import dev.duoconformance.http.TransportError;
import dev.duoconformance.http.TrustMaterial;
import dev.duoconformance.simulator.server.SimServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The transport's promises: bounded time per component, and a classified answer instead of an exception. */
class TransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final Environment.Http http =
            new Environment.Http(TIMEOUT, TIMEOUT, Optional.empty(), false, Environment.Proxies.none());
    private final RequestSpecs specs = new RequestSpecs(http, TrustMaterial.of(Optional.empty()));

    @Test
    void aComponentThatLetAGetTimeOutIsNotAskedAgainInTheRun() {
        try (SimServer silent = SimServer.http("aigw")
                        .gate(r -> Optional.of(SimServer.Response.silence()))
                        .route("GET", "/.*", r -> SimServer.Response.json(200, "{}"))
                        .start();
                Transport transport = new Transport(TIMEOUT, TIMEOUT, new Redactor(List.of()))) {
            var endpoint = specs.aiGateway(silent.url());

            Exchange first = transport.get(endpoint, "/monitoring/healthz");
            Instant start = Instant.now();
            Exchange second = transport.get(endpoint, "/");

            assertThat(first.failedWith(TransportError.Kind.TIMEOUT)).isTrue();
            assertThat(first.outcome()).startsWith("no answer within ");
            assertThat(second.failedWith(TransportError.Kind.SILENT_EARLIER)).isTrue();
            assertThat(second.outcome()).contains(" earlier in this run: GET ");
            assertThat(Duration.between(start, Instant.now())).isLessThan(TIMEOUT);
            // Asked once at most (on a loaded machine the deadline may drop the first request before it is sent), never
            // again.
            assertThat(silent.received()).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void aRefusedConnectionIsAnExchangeNotAnException() {
        try (Transport transport = new Transport(TIMEOUT, TIMEOUT, new Redactor(List.of()))) {
            SimServer closed = SimServer.http("model").start();
            var endpoint = specs.aiGateway(closed.url());
            closed.close();
            Exchange exchange = transport.get(endpoint, "/v1/models");
            assertThat(exchange.failedWith(TransportError.Kind.REFUSED)).isTrue();
            assertThat(exchange.outcome()).isEqualTo("connection refused");
        }
    }

    @Test
    void theSuiteNamesItselfInTheUserAgent() {
        try (SimServer server = SimServer.http("aigw")
                        .route(
                                "GET",
                                "/monitoring/healthz",
                                r -> SimServer.Response.json(
                                        200,
                                        "{\"ua\":\"" + r.header("user-agent").orElse("") + "\"}"))
                        .start();
                Transport transport = new Transport(TIMEOUT, TIMEOUT, new Redactor(List.of()))) {
            Exchange exchange = transport.get(specs.aiGateway(server.url()), "/monitoring/healthz");
            assertThat(exchange.json().orElseThrow().path("ua").asText()).isEqualTo(RequestSpecs.USER_AGENT);
        }
    }

    @Test
    void stalledTlsHandshakesCostOneDeadlineTogetherAndASilentComponentGetsNoHandshake() throws IOException {
        // Listening sockets that never accept: the kernel completes the TCP connection, and the handshake never starts.
        try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket second = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Silence silence = new Silence();
            TlsInspector tls =
                    new TlsInspector(TrustMaterial.of(Optional.empty()), TIMEOUT, Environment.Proxies.none(), silence);
            URI one = URI.create("https://127.0.0.1:" + first.getLocalPort());
            URI two = URI.create("https://127.0.0.1:" + second.getLocalPort());

            Instant start = Instant.now();
            List<TlsInspector.Result> results = tls.inspectAll(List.of(one, two));
            Duration took = Duration.between(start, Instant.now());

            assertThat(results).extracting(TlsInspector.Result::detail).containsOnly("no TLS handshake within 3s");
            // Not a benchmark: one after the other would take two deadlines at least.
            assertThat(took).isLessThan(TIMEOUT.multipliedBy(2));
            assertThat(tls.inspect(one).detail())
                    .startsWith("not sent: the endpoint at " + one + " did not answer (no TLS handshake within 3s)");
            assertThat(silence.earlier(URI.create(two + "/v1"))).isPresent();
        }
    }
}
