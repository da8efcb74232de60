package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.Memo;
import dev.duoconformance.http.Redactor;
import dev.duoconformance.http.RequestSpecs;
import dev.duoconformance.http.Transport;
import dev.duoconformance.http.TrustMaterial;
import dev.duoconformance.runtime.Inspection;
import dev.duoconformance.runtime.RuntimeInspector;
import dev.duoconformance.runtime.kubernetes.KubernetesInspector;
import dev.duoconformance.simulator.server.HostileServer;
import dev.duoconformance.simulator.server.HostileServer.Behaviour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One harness of hostile servers (stall, trickle, endless headers, endless status line, endless body) against every
 * client the suite reads with: the HTTP transport, the Docker Engine API and the Kubernetes API. Each call ends within
 * the run's deadline with a problem, never an exception or a hang, and stops reading where the suite's bounds say.
 */
class HostileServersTest {
    private static final Duration CONNECT = Duration.ofSeconds(1);
    private static final Duration REQUEST = Duration.ofSeconds(2);
    /** Connect + request: the deadline of one call. */
    private static final Duration DEADLINE = CONNECT.plus(REQUEST);
    /** Far above what a bounded read lets through (bounds and socket buffers), far below what an unbounded one reads in a deadline. */
    private static final long READ_BOUND = 32L << 20;

    private static final Environment.Http HTTP =
            new Environment.Http(CONNECT, REQUEST, Optional.empty(), false, Environment.Proxies.none());

    @TempDir
    Path home;

    /** Runs the call, which must end within the deadline and a margin for a loaded machine, and says how long it took. */
    private static <T> T withinTheDeadline(java.util.function.Supplier<T> call) {
        Instant start = Instant.now();
        T result = assertTimeoutPreemptively(DEADLINE.multipliedBy(4), call::get);
        assertThat(Duration.between(start, Instant.now())).isLessThan(DEADLINE.multipliedBy(3));
        return result;
    }

    @ParameterizedTest(name = "HTTP transport: {0}")
    @EnumSource(Behaviour.class)
    void theHttpTransport(Behaviour behaviour) {
        try (HostileServer server = HostileServer.start(behaviour);
                Transport transport = new Transport(CONNECT, REQUEST, new Redactor(List.of()))) {
            var endpoint = new RequestSpecs(HTTP, TrustMaterial.of(Optional.empty()))
                    .aiGateway(java.net.URI.create(server.url()));

            Exchange exchange = withinTheDeadline(() -> transport.get(endpoint, "/monitoring/healthz"));

            assertThat(server.sentBytes()).isLessThan(READ_BOUND);
            String expected = switch (behaviour) {
                case STALL, TRICKLE_HEADERS -> "no answer within ";
                case TRICKLE_BODY -> "HTTP/1.1 200 OK came, but its body did not end within 3s";
                case ENDLESS_HEADERS ->
                    "an answer whose headers went past what the suite reads (Maximum header count exceeded; at most 100";
                case ENDLESS_STATUS_LINE ->
                    "an answer whose headers went past what the suite reads (Maximum line length limit exceeded";
                case ENDLESS_BODY -> "not reached";
            };
            if (behaviour == Behaviour.ENDLESS_BODY) {
                assertThat(exchange.outcome()).startsWith("HTTP 200 with a body of over 1 MiB (reading stopped there)");
            } else {
                assertThat(exchange.answered()).isFalse();
                assertThat(exchange.outcome()).startsWith(expected);
            }
        }
    }

    @ParameterizedTest(name = "Docker Engine API: {0}")
    @EnumSource(
            value = Behaviour.class,
            names = {"STALL", "TRICKLE_HEADERS", "TRICKLE_BODY", "ENDLESS_BODY"})
    void theDockerEngineApi(Behaviour behaviour) {
        try (HostileServer server = HostileServer.start(behaviour);
                RuntimeInspector docker = new RuntimeInspector(
                        new Environment.Docker("tcp://127.0.0.1:" + server.port(), "aigw"),
                        HTTP,
                        new Memo(),
                        new Redactor(List.of()),
                        exchange -> {})) {

            Inspection<?> container = withinTheDeadline(docker::container);
            assertThat(container.ok()).isFalse();
            assertThat(server.sentBytes()).isLessThan(READ_BOUND);
            if (behaviour != Behaviour.ENDLESS_BODY) {
                assertThat(container.problem())
                        .isEqualTo(
                                "the Docker engine at tcp://127.0.0.1:" + server.port()
                                        + " did not finish docker inspect aigw within 3s (it stalled or trickled); the connection was dropped");
                // The engine let one call run out: the run does not wait on it again.
                Instant start = Instant.now();
                assertThat(docker.enginePlatform().problem()).startsWith("not asked: the Docker engine at ");
                assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(1));
            }
        }
    }

    @ParameterizedTest(name = "Kubernetes API: {0}")
    @EnumSource(
            value = Behaviour.class,
            names = {"STALL", "TRICKLE_HEADERS", "TRICKLE_BODY", "ENDLESS_HEADERS", "ENDLESS_BODY"})
    void theKubernetesApi(Behaviour behaviour) throws IOException {
        try (HostileServer server = HostileServer.start(behaviour)) {
            Path kubeconfig = Files.writeString(home.resolve("kubeconfig"), """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: hostile
                      cluster:
                        server: %s
                    contexts:
                    - name: hostile
                      context: {cluster: hostile, user: reader, namespace: ai}
                    current-context: hostile
                    users:
                    - name: reader
                      user: {token: k8s-reader-token-0123456789}
                    """.formatted(server.url()));
            try (KubernetesInspector kubernetes = new KubernetesInspector(
                    new Environment.Kubernetes(
                            Optional.of(kubeconfig),
                            Optional.of("hostile"),
                            "ai",
                            Optional.of("app=ai-gateway"),
                            Optional.empty(),
                            Optional.empty()),
                    HTTP,
                    new Memo(),
                    new Redactor(List.of()),
                    exchange -> {},
                    name -> null)) {

                Inspection<?> pods = withinTheDeadline(kubernetes::pods);
                assertThat(pods.ok()).isFalse();
                assertThat(server.sentBytes()).isLessThan(READ_BOUND);
                assertThat(pods.problem()).doesNotContain("k8s-reader-token-0123456789");
            }
        }
    }
}
