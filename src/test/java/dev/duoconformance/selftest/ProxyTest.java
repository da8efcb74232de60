package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.config.Environment;
import dev.duoconformance.config.EnvironmentLoader;
import dev.duoconformance.config.SimulatedDeployment;
import dev.duoconformance.simulator.server.SimProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests and TLS handshakes go through the configured proxy, as they must where the deployment sits behind one. */
class ProxyTest {
    @TempDir
    Path environments;

    @Test
    void everyRequestAndHandshakeGoesThroughHttpProxy() {
        try (SimProxy proxy = new SimProxy()) {
            SuiteRun.Results results = SuiteRun.demoVariant(
                            environments,
                            "proxied",
                            demo -> demo.replace("\nhttp:\n", "\nhttp:\n  proxy: " + proxy.url() + "\n"))
                    .run();

            assertThat(results.failures())
                    .extracting(SuiteRun.CheckResult::message)
                    .isEmpty();
            assertThat(results.where(SuiteRun.CheckResult::passed)).hasSizeGreaterThan(10);
            assertThat(proxy.forwarded())
                    .anyMatch(f -> f.startsWith("CONNECT 127.0.0.1:"))
                    .anyMatch(f -> f.matches("GET http://127\\.0\\.0\\.1:\\d+/v1/models"))
                    .anyMatch(f -> f.matches("POST http://127\\.0\\.0\\.1:\\d+/v1/chat/completions"))
                    .anyMatch(f -> f.matches("GET http://127\\.0\\.0\\.1:\\d+/api/v4/version"));
            long tunnels = proxy.forwarded().stream()
                    .filter(f -> f.startsWith("CONNECT"))
                    .count();
            assertThat(tunnels)
                    .as("the TLS check's handshake and the AI gateway requests")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void theProcessEnvironmentsProxyVariablesApplyExceptForNoProxyHosts() throws IOException {
        Files.writeString(environments.resolve("prod.yaml"), "ai_gateway:\n  url: https://aigw.internal:5052\n");
        Map<String, String> process = Map.of(
                "HTTPS_PROXY",
                "http://proxy.corp:3128",
                "http_proxy",
                "proxy.corp:8080",
                "NO_PROXY",
                "localhost,.internal");
        Environment.Proxies proxies = new EnvironmentLoader(environments, process::get)
                .load("prod", SimulatedDeployment.Settings.none())
                .environment()
                .http()
                .proxies();

        assertThat(proxies.forUrl(URI.create("https://aigw.internal:5052"))).isEmpty();
        assertThat(proxies.forUrl(URI.create("https://gitlab.example.com")))
                .contains(URI.create("http://proxy.corp:3128"));
        assertThat(proxies.forUrl(URI.create("http://vllm.example.com:8000/v1")))
                .contains(URI.create("http://proxy.corp:8080"));
        assertThat(proxies.forUrl(URI.create("http://localhost:8000/v1"))).isEmpty();
        assertThat(new Environment.Proxies(Optional.of(URI.create("http://p:1")), Optional.empty(), List.of("*"))
                        .forUrl(URI.create("http://anything")))
                .isEmpty();
    }
}
