package dev.duoconformance.checks.runtime;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayRuntime;
import dev.duoconformance.runtime.Inspection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.opentest4j.AssertionFailedError;

/**
 * The rules several runtime sections read from the same inspection of the AI gateway's container, kept in one place
 * so that one root cause fails one section and the sections downstream of it say "blocked by".
 */
public final class GatewayContainer {
    static final int DEFAULT_METRICS_PORT = 8082;
    static final int DEFAULT_API_PORT = 5052;
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "t", "y");

    private GatewayContainer() {}

    /** A documented failure, found before deciding whether this section fails or is blocked by it. */
    public record Problem(String cause, String checked, String expected, String butWas) {
        public AssertionFailedError failed(Verdict verdict) {
            return verdict.failed(cause, checked, expected, butWas);
        }
    }

    /** The container as inspected, running or not; "not checked" when the engine or the container cannot be read. */
    public static ContainerInfo inspected(GatewayRuntime runtime, Verdict verdict) {
        return runtime.container().orElseThrow(verdict::notChecked);
    }

    /** The running container. A stopped one leaves the section not checked, or blocked when a metrics-port clash stopped it. */
    public static ContainerInfo running(GatewayRuntime runtime, Verdict verdict) {
        ContainerInfo container = inspected(runtime, verdict);
        if (container.running()) {
            return container;
        }
        if (!verdict.section().equals(Sections.LLM_SERVER_IN_CONTAINER)) {
            Optional<String> clash = metricsPortClash(runtime, container);
            if (clash.isPresent()) {
                throw verdict.blockedBy(Sections.LLM_SERVER_IN_CONTAINER, "the container stopped: " + clash.get());
            }
        }
        throw verdict.notChecked("the AI gateway container '" + container.name() + "' is not running (" + container.state()
                + "); `docker logs " + container.name() + "` tells why");
    }

    static int metricsPort(ContainerInfo container) {
        return port(container, "AIGW_FASTAPI__METRICS_PORT", DEFAULT_METRICS_PORT);
    }

    public static int apiPort(ContainerInfo container) {
        return port(container, "AIGW_FASTAPI__API_PORT", DEFAULT_API_PORT);
    }

    private static int port(ContainerInfo container, String variable, int fallback) {
        return container.env(variable).map(String::trim).filter(v -> v.matches("\\d{1,5}")).map(Integer::parseInt).orElse(fallback);
    }

    /** On the host network, a container that stopped because its port was taken says so in its last log lines. */
    static Optional<String> metricsPortClash(GatewayRuntime runtime, ContainerInfo container) {
        if (!container.onHostNetwork() || container.running()) {
            return Optional.empty();
        }
        Inspection<String> logs = runtime.logs();
        if (!logs.ok()) {
            return Optional.empty();
        }
        return logs.value().lines().map(String::strip)
                .filter(l -> l.toLowerCase(Locale.ROOT).contains("address already in use") || l.contains("Errno 98"))
                .reduce((first, last) -> last);
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.\\d{1,3}){3}") || h.equals("0.0.0.0");
    }

    /**
     * Models whose endpoint is on loopback while the container has a network of its own, where loopback is itself. On
     * the host network, or sharing another container's network namespace ({@code NetworkMode: container:<id|name>}, a
     * sidecar), loopback is the host or that container, so such endpoints can be right.
     */
    static List<Environment.Model> localhostModels(Environment environment, ContainerInfo container) {
        if (container.onHostNetwork() || sharedNamespace(container).isPresent()) {
            return List.of();
        }
        return environment.models().stream().filter(Environment.Model::hasOpenAiCompatibleEndpoint)
                .filter(m -> isLoopback(m.endpoint().orElseThrow().getHost())).toList();
    }

    /** The container whose network namespace this one shares ({@code NetworkMode: container:<id or name>}). */
    static Optional<String> sharedNamespace(ContainerInfo container) {
        String mode = String.valueOf(container.networkMode());
        return mode.startsWith("container:") ? Optional.of(mode.substring("container:".length())) : Optional.empty();
    }

    /** pydantic's reading of a boolean variable, which is how the AI gateway reads it. */
    static boolean isTrue(Optional<String> value) {
        return value.map(v -> TRUE.contains(v.trim().toLowerCase(Locale.ROOT))).orElse(false);
    }

    public static Optional<Problem> customModelsDisabled(ContainerInfo container) {
        Optional<String> value = container.env("AIGW_CUSTOM_MODELS__ENABLED");
        if (isTrue(value)) {
            return Optional.empty();
        }
        return Optional.of(new Problem("custom-models-disabled", "AIGW_CUSTOM_MODELS__ENABLED in the environment of container '" + container.name() + "'",
                "AIGW_CUSTOM_MODELS__ENABLED=true",
                value.map(v -> "AIGW_CUSTOM_MODELS__ENABLED=" + v).orElse("not set (the AI gateway then defaults to false)")
                        + ": the AI gateway refuses self-hosted model endpoints"));
    }

    /** {@code AIGW_GITLAB_URL} and {@code AIGW_GITLAB_API_URL} name this GitLab (gitlab.url, or the container's own URL when the file has none). */
    public static Optional<Problem> gitlabUrlMismatch(Environment environment, ContainerInfo container) {
        Optional<String> url = container.env("AIGW_GITLAB_URL").filter(v -> !v.isBlank());
        Optional<URI> expected = environment.gitlab().map(Environment.GitLab::url);
        String checked = "AIGW_GITLAB_URL and AIGW_GITLAB_API_URL in the environment of container '" + container.name() + "'";
        String expectation = expected.map(u -> "AIGW_GITLAB_URL=" + withSlash(u) + " and, when set, AIGW_GITLAB_API_URL=" + withSlash(u) + "api/v4/ (gitlab.url)")
                .orElse("AIGW_GITLAB_URL set to this GitLab's URL and, when set, AIGW_GITLAB_API_URL to the same URL with /api/v4/");
        if (url.isEmpty()) {
            return Optional.of(new Problem("gitlab-url-mismatch", checked, expectation,
                    "AIGW_GITLAB_URL is not set: the AI gateway then validates tokens against https://gitlab.com"));
        }
        Optional<URI> actual = parse(url.get());
        if (actual.isEmpty() || !Set.of("http", "https").contains(String.valueOf(actual.get().getScheme()).toLowerCase(Locale.ROOT))) {
            return Optional.of(new Problem("gitlab-url-mismatch", checked, expectation, "AIGW_GITLAB_URL=" + url.get() + " is not an http(s) URL"));
        }
        if (expected.isPresent() && !same(actual.get(), expected.get())) {
            return Optional.of(new Problem("gitlab-url-mismatch", checked, expectation, "AIGW_GITLAB_URL=" + url.get()));
        }
        URI base = expected.orElse(actual.get());
        Optional<String> api = container.env("AIGW_GITLAB_API_URL").filter(v -> !v.isBlank());
        if (api.isPresent() && !parse(api.get()).map(a -> same(a, URI.create(withSlash(base) + "api/v4/"))).orElse(false)) {
            return Optional.of(new Problem("gitlab-url-mismatch", checked, expectation, "AIGW_GITLAB_API_URL=" + api.get()));
        }
        return Optional.empty();
    }

    static Optional<Problem> authBypassed(Environment environment, ContainerInfo container) {
        boolean expected = environment.aiGateway().map(Environment.AiGateway::authBypassExpected).orElse(false);
        if (expected || !isTrue(container.env("AIGW_AUTH__BYPASS_EXTERNAL"))) {
            return Optional.empty();
        }
        return Optional.of(new Problem("auth-bypassed", "AIGW_AUTH__BYPASS_EXTERNAL in the environment of container '" + container.name() + "'",
                "not set or false: the newer doc forbids bypassing authentication in production "
                        + "(the seed doc asked for true only while troubleshooting; set ai_gateway.auth_bypass_expected: true for such a run)",
                "AIGW_AUTH__BYPASS_EXTERNAL=" + container.env("AIGW_AUTH__BYPASS_EXTERNAL").orElse("")
                        + ": the AI gateway accepts requests without a GitLab token"));
    }

    /**
     * Whether the container reaches its GitLab for token validation: the OIDC discovery document at
     * {@code AIGW_GITLAB_URL}, then the keys at its {@code jwks_uri}, both fetched from inside. A TLS failure
     * belongs to ai-gateway-tls and the engine's or image's limits leave the caller's section not checked.
     */
    public static Optional<Problem> gitlabUnreachable(GatewayRuntime runtime, ContainerInfo container, Verdict verdict) {
        URI base = URI.create(withSlash(parse(container.env("AIGW_GITLAB_URL").orElseThrow()).orElseThrow()));
        String expected = "HTTP 200 with the OIDC discovery document and a JWKS with keys; without them the AI gateway rejects "
                + "GitLab's tokens with `JWTError: Signature verification failed` or `No keys founds in JWKS; are OIDC providers up?`";
        Exchange discovery = verdict.usable(runtime.get(base.resolve(".well-known/openid-configuration"), Optional.empty())
                .orElseThrow(verdict::notChecked));
        String jwks = discovery.json().map(j -> j.path("jwks_uri").asText("")).orElse("");
        if (!discovery.answered() || discovery.status() != 200 || jwks.isBlank()) {
            return Optional.of(new Problem("unreachable", discovery.request(), expected, discovery.outcome()));
        }
        Optional<URI> jwksUri = parse(jwks);
        if (jwksUri.isEmpty()) {
            return Optional.of(new Problem("unreachable", discovery.request(), expected, "jwks_uri '" + jwks + "' is not a URL"));
        }
        Exchange keys = verdict.usable(runtime.get(jwksUri.get(), Optional.empty()).orElseThrow(verdict::notChecked));
        boolean hasKeys = keys.json().map(j -> j.path("keys").isArray() && !j.path("keys").isEmpty()).orElse(false);
        if (!keys.answered() || keys.status() != 200 || !hasKeys) {
            return Optional.of(new Problem("unreachable", keys.request(), expected,
                    keys.outcome() + (keys.answered() && keys.status() == 200 ? " (no keys: `No keys founds in JWKS`)" : "")));
        }
        return Optional.empty();
    }

    static String withSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text : text + "/";
    }

    private static Optional<URI> parse(String value) {
        try {
            URI uri = new URI(value.trim());
            return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean same(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b) && path(a).equals(path(b));
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String path(URI uri) {
        return uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    }
}
