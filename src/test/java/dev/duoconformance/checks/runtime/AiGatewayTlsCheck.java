package dev.duoconformance.checks.runtime;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.TlsInspector;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.ExecResult;
import dev.duoconformance.runtime.GatewayRuntime;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-tls")
@Tag("runtime")
@Tag("aigw")
@Tag("ai-gateway-tls")
@DisplayName("SSL certificate errors and key de-serialization issues in the AI gateway container")
class AiGatewayTlsCheck {

    @Test
    @DisplayName("Every https endpoint presents a certificate that verifies against the trust store and http.ca_bundle")
    void httpsEndpointsPresentTrustedCertificates(Environment environment, TlsInspector tls, Verdict verdict) {
        Map<String, URI> endpoints = httpsEndpoints(environment);
        if (endpoints.isEmpty()) {
            throw verdict.notChecked("no https endpoint is configured (GitLab, AI gateway and model endpoints are all http)");
        }
        if (environment.http().insecure()) {
            throw verdict.notChecked("http.insecure is true, so certificates are deliberately not verified");
        }
        List<TlsInspector.Result> results = endpoints.values().stream().map(tls::inspect).toList();
        List<TlsInspector.Result> bad = results.stream()
                .filter(r -> !r.trusted() && r.verdict() != TlsInspector.Verdict.NO_CONNECTION).toList();
        if (bad.isEmpty()) {
            if (results.stream().noneMatch(TlsInspector.Result::trusted)) {
                throw verdict.notChecked("no TLS connection could be opened: " + describe(results) + " (the component's own section reports why)");
            }
            return;
        }
        throw verdict.failed(cause(bad.get(0).verdict()),
                "TLS handshake with " + bad.stream().map(r -> r.endpoint().toString()).collect(Collectors.joining(", ")),
                "a certificate valid now, issued for the host, whose chain verifies against the JDK trust store"
                        + environment.http().caBundle().map(p -> " and http.ca_bundle (" + p + ")").orElse(" (no http.ca_bundle is set)"),
                describe(bad));
    }

    @Test
    @DisplayName("With a private CA (http.ca_bundle), the AI gateway container sets SSL_CERT_FILE and REQUESTS_CA_BUNDLE to a bundle it can read")
    void containerNamesTheCaBundle(Environment environment, GatewayRuntime runtime, Verdict verdict) {
        if (environment.http().caBundle().isEmpty()) {
            throw verdict.notChecked("no private CA is in use (http.ca_bundle is not set)");
        }
        ContainerInfo container = GatewayContainer.inspected(runtime, verdict);
        String checked = "SSL_CERT_FILE and REQUESTS_CA_BUNDLE in the environment of container '" + container.name() + "'";
        String expected = "both set to a CA bundle inside the container that holds the private CA of http.ca_bundle ("
                + environment.http().caBundle().get() + ")";
        List<String> problems = new ArrayList<>();
        for (String variable : List.of("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")) {
            if (container.env(variable).filter(v -> !v.isBlank()).isEmpty()) {
                problems.add(variable + " is not set");
            }
        }
        if (!problems.isEmpty()) {
            throw verdict.failed("ca-variables-missing", checked, expected, String.join("; ", problems)
                    + ": the AI gateway then fails with [SSL: CERTIFICATE_VERIFY_FAILED] or JWKError on private-CA endpoints");
        }
        if (!container.running()) {
            verdict.note("the bundle files were not looked at: the container is not running (" + container.state() + ")");
            return;
        }
        for (String file : new TreeSet<>(List.of(container.env("SSL_CERT_FILE").get(), container.env("REQUESTS_CA_BUNDLE").get()))) {
            ExecResult readable = runtime.exec(List.of("test", "-r", file), List.of(), Duration.ofSeconds(10)).orElseThrow(verdict::notChecked);
            if (readable.executableMissing()) {
                verdict.note("the image has no `test` command, so " + file + " was not looked at");
            } else if (!readable.succeeded()) {
                problems.add(file + " does not exist or is not readable inside the container");
            }
        }
        if (!problems.isEmpty()) {
            throw verdict.failed("ca-variables-missing", checked + " and the files they name", expected, String.join("; ", problems));
        }
    }

    private static Map<String, URI> httpsEndpoints(Environment environment) {
        Map<String, URI> endpoints = new LinkedHashMap<>();
        environment.gitlab().map(Environment.GitLab::url).ifPresent(u -> endpoints.put("gitlab", u));
        environment.aiGateway().flatMap(Environment.AiGateway::reachableUrl).ifPresent(u -> endpoints.put("aigw", u));
        environment.models().stream().filter(Environment.Model::hasOpenAiCompatibleEndpoint)
                .forEach(m -> endpoints.put("model " + m.name(), m.endpoint().orElseThrow()));
        endpoints.values().removeIf(u -> !"https".equalsIgnoreCase(u.getScheme()));
        return endpoints;
    }

    private static String cause(TlsInspector.Verdict verdict) {
        return switch (verdict) {
            case EXPIRED -> "expired";
            case WRONG_HOST -> "wrong-host";
            default -> "untrusted-certificate";
        };
    }

    private static String describe(List<TlsInspector.Result> results) {
        return results.stream().map(r -> r.endpoint() + ": " + r.detail()).collect(Collectors.joining("; "));
    }
}
