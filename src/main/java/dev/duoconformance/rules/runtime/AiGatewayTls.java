package dev.duoconformance.rules.runtime;

import static dev.duoconformance.rules.runtime.ContainerReads.variable;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.TlsInspector;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.EachInstance;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.Unknowable;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.ExecResult;
import dev.duoconformance.runtime.GatewayInstance;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Section ai-gateway-tls: every https endpoint (GitLab, the AI gateway, the models) presents a certificate that
 * verifies against the trust store and http.ca_bundle; and with a private CA, every instance of the AI gateway sets
 * {@code SSL_CERT_FILE} and {@code REQUESTS_CA_BUNDLE} to a bundle it can read, or its Python clients fail with
 * {@code [SSL: CERTIFICATE_VERIFY_FAILED]} or {@code JWKError}. The endpoints are judged from this runner, so this rule
 * is in every run; the container half needs the AI gateway's runtime.
 */
public final class AiGatewayTls {
    public static final Check<AiGatewayTls> ENDPOINTS_PRESENT_TRUSTED_CERTIFICATES = Check.of(
            "httpsEndpointsPresentTrustedCertificates",
            "Every https endpoint presents a certificate that verifies against the trust store and http.ca_bundle",
            Gate.NONE,
            AiGatewayTls::endpointsPresentTrustedCertificates);
    public static final Check<AiGatewayTls> CONTAINER_NAMES_THE_CA_BUNDLE = Check.of(
            "containerNamesTheCaBundle",
            "With a private CA (http.ca_bundle), the AI gateway container sets SSL_CERT_FILE and REQUESTS_CA_BUNDLE to a bundle it can read",
            Gate.from(Gate.Vantage.RUNTIME),
            AiGatewayTls::containerNamesTheCaBundle);
    public static final Declaration<AiGatewayTls> SECTION = Declaration.of(Sections.TLS, AiGatewayTls::new)
            .checks(ENDPOINTS_PRESENT_TRUSTED_CERTIFICATES, CONTAINER_NAMES_THE_CA_BUNDLE);
    private static final String ID = Sections.TLS;

    private final Environment environment;
    private final TlsInspector tls;
    private final Optional<EachInstance> each;
    private final Optional<Path> caBundle;

    private AiGatewayTls(Probes probes) {
        this.environment = probes.environment();
        this.tls = probes.tls();
        this.each = probes.instances();
        this.caBundle = environment.http().caBundle();
    }

    private Condition endpointsPresentTrustedCertificates() {
        Map<String, URI> endpoints = httpsEndpoints();
        if (endpoints.isEmpty()) {
            return Condition.unknown(
                    "no https endpoint is configured (GitLab, AI gateway and model endpoints are all http)");
        }
        if (environment.http().insecure()) {
            return Condition.unknown("http.insecure is true, so certificates are deliberately not verified");
        }
        List<TlsInspector.Result> results = tls.inspectAll(endpoints.values());
        List<TlsInspector.Result> bad = results.stream()
                .filter(r -> !r.trusted() && r.verdict() != TlsInspector.Verdict.NO_CONNECTION)
                .toList();
        if (bad.isEmpty()) {
            return results.stream().anyMatch(TlsInspector.Result::trusted)
                    ? Condition.holds()
                    : Condition.unknown("no TLS connection could be opened: " + describe(results)
                            + " (the component's own section reports why)");
        }
        return Condition.broken(new Failure(
                ID,
                cause(bad.get(0).verdict()),
                "TLS handshake with "
                        + bad.stream().map(r -> r.endpoint().toString()).collect(Collectors.joining(", ")),
                "a certificate valid now, issued for the host, whose chain verifies against the JDK trust store"
                        + caBundle.map(p -> " and http.ca_bundle (" + p + ")").orElse(" (no http.ca_bundle is set)"),
                describe(bad)));
    }

    private Map<String, URI> httpsEndpoints() {
        Map<String, URI> endpoints = new LinkedHashMap<>();
        environment.gitlab().map(Environment.GitLab::url).ifPresent(u -> endpoints.put("gitlab", u));
        environment.aiGateway().flatMap(Environment.AiGateway::reachableUrl).ifPresent(u -> endpoints.put("aigw", u));
        environment.models().stream()
                .filter(Environment.Model::hasOpenAiCompatibleEndpoint)
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

    /** Needs the AI gateway's runtime (its check's gate asks for it, so it is not checked without). */
    private Condition containerNamesTheCaBundle() {
        if (caBundle.isEmpty()) {
            return Condition.unknown("no private CA is in use (http.ca_bundle is not set)");
        }
        return each.orElseThrow().judge(this::namesTheCaBundle);
    }

    private Condition namesTheCaBundle(GatewayInstance instance) {
        String checked = "SSL_CERT_FILE and REQUESTS_CA_BUNDLE in the environment of " + instance.where();
        String expected = "both set to a CA bundle inside the container that holds the private CA of http.ca_bundle ("
                + caBundle.get() + ")";
        List<String> problems = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (String name : List.of("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")) {
            Optional<String> value = variable(instance, name).filter(v -> !v.isBlank());
            value.ifPresentOrElse(files::add, () -> problems.add(name + " is not set"));
        }
        if (!problems.isEmpty()) {
            return Condition.broken(
                    each.orElseThrow()
                            .failure(
                                    "ca-variables-missing",
                                    checked,
                                    expected,
                                    String.join("; ", problems)
                                            + ": the AI gateway then fails with [SSL: CERTIFICATE_VERIFY_FAILED] or JWKError on private-CA endpoints"));
        }
        ContainerInfo container = instance.info();
        if (!container.running()) {
            return Condition.holdsBecause("the bundle files of " + instance.where()
                    + " were not looked at: it is not running (" + container.state() + ")");
        }
        List<String> notes = new ArrayList<>();
        for (String file : new TreeSet<>(files)) {
            ExecResult readable = instance.exec(List.of("test", "-r", file), Duration.ofSeconds(10))
                    .orElseThrow(Unknowable::new);
            if (readable.executableMissing()) {
                notes.add("the image has no `test` command, so " + file + " was not looked at");
            } else if (!readable.succeeded()) {
                problems.add(file + " does not exist or is not readable inside the container");
            }
        }
        if (!problems.isEmpty()) {
            return Condition.broken(each.orElseThrow()
                    .failure(
                            "ca-variables-missing",
                            checked + " and the files they name",
                            expected,
                            String.join("; ", problems)));
        }
        return notes.isEmpty() ? Condition.holds() : Condition.holdsBecause(String.join("; ", notes));
    }
}
