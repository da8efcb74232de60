package dev.duoconformance.checks.runtime;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.TlsInspector;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.runtime.AiGatewayTls;
import dev.duoconformance.runtime.GatewayRuntime;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        List<TlsInspector.Result> results = tls.inspectAll(endpoints.values());
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
    void containerNamesTheCaBundle(GatewayRuntime runtime, Rules rules, Verdict verdict) {
        verdict.require(rules.get(AiGatewayTls.class).containerNamesTheCaBundle());
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
