package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duoconformance.config.ConfigurationException;
import dev.duoconformance.config.EnvironmentLoader;
import dev.duoconformance.config.SimulatedDeployment;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.selftest.SuiteRun.CheckResult;
import dev.duoconformance.simulator.server.Certificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a reachable Docker engine the runtime sections are "not checked", each with the reason and no stack trace. */
class UnreachableDockerEngineTest {
    @TempDir
    Path work;

    @Test
    void aMissingSocketIsNamed() throws IOException {
        String host = "unix://" + work.resolve("no-docker.sock");

        SuiteRun.Results results = run(host);

        assertThat(runtimeChecks(results))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.message())
                        .isEqualTo(Verdict.NOT_CHECKED + "cannot reach the Docker engine at " + host
                                + ": the socket does not exist; start Docker "
                                + "there, mount the socket into this runner, or point ai_gateway.docker.host at the engine "
                                + "(tcp://host:2375 or unix:///path/to/docker.sock)"));
    }

    @Test
    void aClosedTcpPortIsARefusedConnection() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String host = "tcp://127.0.0.1:" + port;

        SuiteRun.Results results = run(host);

        assertThat(runtimeChecks(results))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.message())
                        .startsWith(Verdict.NOT_CHECKED + "cannot reach the Docker engine at " + host
                                + ": connection refused"));
    }

    @Test
    void anSshHostIsRefusedBeforeAnyCheckWithTheWorkaround() throws IOException {
        write("ssh://aigw-host");

        assertThatThrownBy(() -> new EnvironmentLoader(work, Map.<String, String>of()::get)
                        .load("runtime", SimulatedDeployment.Settings.none()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ai_gateway.docker.host 'ssh://aigw-host'")
                .hasMessageContaining("ssh -NL /tmp/aigw-docker.sock:/var/run/docker.sock <host>");
    }

    @Test
    void withoutARuntimeBlockTheReasonNamesTheBlocksToConfigure() throws IOException {
        write("unix:///var/run/docker.sock");
        Files.writeString(
                work.resolve("runtime.yaml"),
                Files.readString(work.resolve("runtime.yaml"))
                        .replace("  docker:\n    host: unix:///var/run/docker.sock\n    container: ai-gateway\n", ""));

        SuiteRun.Results results =
                SuiteRun.environment(work, "runtime").only("runtime").run();

        assertThat(runtimeChecks(results))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.message())
                        .isEqualTo(Verdict.NOT_CHECKED
                                + "no access to the AI gateway's runtime (configure ai_gateway.docker or ai_gateway.kubernetes in "
                                + work.getFileName() + "/runtime.yaml)"));
    }

    private SuiteRun.Results run(String host) throws IOException {
        write(host);
        return SuiteRun.environment(work, "runtime").only("runtime").run();
    }

    private static java.util.List<CheckResult> runtimeChecks(SuiteRun.Results results) {
        return results
                .where(r -> !r.section().equals("ai-gateway-tls") || r.test().contains("containerNamesTheCaBundle"))
                .stream()
                .filter(r -> !r.test().startsWith("modelServerAnswers "))
                .toList();
    }

    private void write(String host) throws IOException {
        Files.writeString(work.resolve("runtime.yaml"), """
                ai_gateway:
                  expected_url: http://aigw.internal:5052
                  docker:
                    host: %s
                    container: ai-gateway
                models:
                  - name: local
                    family: mistral
                    endpoint: http://127.0.0.1:9/v1
                http:
                  ca_bundle: %s
                """.formatted(host, work.resolve("ca.pem")));
        Certificates.Authority.create("duo-conformance self-test private CA").writePem(work.resolve("ca.pem"));
    }
}
