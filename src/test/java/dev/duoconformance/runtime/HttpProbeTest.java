package dev.duoconformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.TransportError;
import dev.duoconformance.selftest.MachineRequirements;
import dev.duoconformance.simulator.model.ModelServerSimulator;
import dev.duoconformance.simulator.server.Certificates;
import dev.duoconformance.simulator.server.SimServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The in-container request commands, run here as local processes with the same arguments and environment they
 * get inside the container, against loopback servers: each failure kind comes back as the doc sorts it.
 */
class HttpProbeTest {
    private static final String KEY = "sk-probe-canary-42";

    @ParameterizedTest
    @EnumSource(HttpProbe.class)
    void anAnswerComesBackWithItsStatusAndBody(HttpProbe probe) throws Exception {
        try (ModelServerSimulator model = new ModelServerSimulator(KEY, Set.of(), Duration.ZERO)) {
            URI models = URI.create(model.url() + "/v1/models");

            Exchange withKey = run(probe, models, Optional.of("Bearer " + KEY));
            Exchange withoutKey = run(probe, models, Optional.empty());

            assertThat(withKey.status()).isEqualTo(200);
            assertThat(withKey.json()
                            .orElseThrow()
                            .path("data")
                            .path(0)
                            .path("id")
                            .asText())
                    .isEqualTo(ModelServerSimulator.SERVED_NAME);
            assertThat(withoutKey.status()).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @EnumSource(HttpProbe.class)
    void aClosedPortIsARefusedConnection(HttpProbe probe) throws Exception {
        Exchange exchange = run(probe, URI.create("http://127.0.0.1:" + closedPort() + "/v1/models"), Optional.empty());

        assertThat(exchange.error()).map(TransportError::kind).contains(TransportError.Kind.REFUSED);
        assertThat(exchange.outcome()).startsWith("connection refused: ").contains("(exit code 7)");
    }

    @ParameterizedTest
    @EnumSource(HttpProbe.class)
    void aSilentServerIsATimeout(HttpProbe probe) throws Exception {
        try (SimServer silent = SimServer.http("model")
                .route("GET", "/v1/models", r -> SimServer.Response.silence())
                .start()) {
            Exchange exchange = run(probe, URI.create(silent.url() + "/v1/models"), Optional.empty());

            assertThat(exchange.error()).map(TransportError::kind).contains(TransportError.Kind.TIMEOUT);
        }
    }

    @ParameterizedTest
    @EnumSource(HttpProbe.class)
    void anUntrustedCertificateIsATlsFailure(HttpProbe probe) throws Exception {
        var unknownCa = Certificates.Authority.create("a CA nobody trusts");
        try (SimServer server = SimServer.https("model", unknownCa.serverContext("127.0.0.1", "localhost"))
                .route("GET", "/v1/models", r -> SimServer.Response.json(200, "{}"))
                .start()) {
            Exchange exchange = run(probe, URI.create(server.url() + "/v1/models"), Optional.empty());

            assertThat(exchange.error()).map(TransportError::kind).contains(TransportError.Kind.TLS);
            assertThat(exchange.outcome()).startsWith("TLS failed inside the container: ");
        }
    }

    @ParameterizedTest
    @EnumSource(HttpProbe.class)
    void theKeyIsNotOnTheCommandLine(HttpProbe probe) {
        List<String> command = probe.command(
                URI.create("http://127.0.0.1:1/v1/models"), Duration.ofSeconds(1), true, Optional.empty());

        assertThat(String.join(" ", command)).doesNotContain(KEY).contains(HttpProbe.AUTHORIZATION);
    }

    private static Exchange run(HttpProbe probe, URI url, Optional<String> authorization)
            throws IOException, InterruptedException {
        MachineRequirements.program(probe.versionCommand().get(0));
        List<String> command = probe.command(url, Duration.ofSeconds(1), authorization.isPresent(), Optional.empty());
        ProcessBuilder builder = new ProcessBuilder(command);
        authorization.ifPresent(value -> builder.environment().put(HttpProbe.AUTHORIZATION, value));
        builder.environment().keySet().removeIf(name -> name.toLowerCase().endsWith("_proxy"));
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        await("the probe")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !process.isAlive());
        ExecResult result = new ExecResult(command, process.exitValue(), stdout, stderr, false);
        return HttpProbe.exchange("GET " + url, url.getHost(), result, "");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
