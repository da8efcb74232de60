package dev.duoconformance.checks.runtime;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayInstance;
import dev.duoconformance.runtime.GatewayRuntime;
import dev.duoconformance.runtime.Inspection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.opentest4j.TestAbortedException;

/**
 * The rules several runtime sections read from the same inspection of the AI gateway (its container on Docker, each
 * replica's container on Kubernetes), kept in one place so that one root cause fails one section and the sections
 * downstream of it say "blocked by".
 */
public final class GatewayContainer {
    static final int DEFAULT_METRICS_PORT = 8082;
    static final int DEFAULT_API_PORT = 5052;
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "t", "y");

    private GatewayContainer() {}

    /** A documented failure, found before deciding whether this section fails or is blocked by it. */
    public record Problem(String cause, String checked, String expected, String butWas) {}

    /** What a section finds in one instance: a documented failure of its own, or nothing (it may also throw "not checked"/"blocked"). */
    @FunctionalInterface
    public interface Judgement {
        Optional<Problem> judge(GatewayInstance instance);
    }

    /** Every instance, or "not checked" when the engine or the cluster cannot be read. */
    public static List<GatewayInstance> instances(GatewayRuntime runtime, Verdict verdict) {
        return runtime.instances().orElseThrow(verdict::notChecked);
    }

    /**
     * Judges every instance (each replica on Kubernetes): the first documented failure fails the section, naming its
     * instance; otherwise an instance blocked by an upstream section blocks it; instances that cannot be checked are
     * noted while others pass, and leave the section not checked when none could be.
     */
    public static void judgeEach(GatewayRuntime runtime, Verdict verdict, Judgement judgement) {
        List<GatewayInstance> instances = instances(runtime, verdict);
        List<TestAbortedException> blocked = new ArrayList<>();
        List<TestAbortedException> unchecked = new ArrayList<>();
        for (GatewayInstance instance : instances) {
            try {
                Optional<Problem> problem = judgement.judge(instance);
                if (problem.isPresent()) {
                    throw failed(problem.get(), runtime, verdict);
                }
            } catch (TestAbortedException aborted) {
                (aborted.getMessage().startsWith(Verdict.BLOCKED_BY) ? blocked : unchecked).add(aborted);
            }
        }
        if (!blocked.isEmpty()) {
            throw blocked.get(0);
        }
        if (unchecked.size() == instances.size()) {
            throw unchecked.get(0);
        }
        unchecked.forEach(reason -> verdict.note(reason.getMessage()));
    }

    /** The section's documented failure, with the steps worded for where the AI gateway runs. */
    public static org.opentest4j.AssertionFailedError failed(Problem problem, GatewayRuntime runtime, Verdict verdict) {
        return verdict.failed(problem.cause(), problem.checked(), problem.expected(), problem.butWas(), runtime.stepsWording());
    }

    /**
     * The instance, running. A stopped one leaves the section not checked, or blocked when a metrics-port clash or an
     * image the node cannot execute stopped it.
     */
    public static ContainerInfo running(GatewayInstance instance, Verdict verdict) {
        ContainerInfo container = instance.info();
        if (container.running()) {
            return container;
        }
        if (!verdict.section().equals(Sections.LLM_SERVER_IN_CONTAINER)) {
            Optional<String> clash = metricsPortClash(instance);
            if (clash.isPresent()) {
                throw verdict.blockedBy(Sections.LLM_SERVER_IN_CONTAINER, instance.where() + " stopped: " + clash.get());
            }
        }
        if (!verdict.section().equals(Sections.IMAGE_PLATFORM)) {
            Inspection<GatewayInstance.PlatformFinding> platform = instance.platform();
            if (platform.ok() && platform.value().mismatch().isPresent()) {
                throw verdict.blockedBy(Sections.IMAGE_PLATFORM, instance.where() + ": " + platform.value().mismatch().get());
            }
        }
        throw verdict.notChecked("the AI gateway " + instance.where() + " is not running (" + container.state()
                + "); `" + instance.logsCommand() + "` tells why");
    }

    /** The value the suite may read; "not checked" when the instance takes it from a Secret or a source it does not read. */
    static Optional<String> variable(GatewayInstance instance, String name, Verdict verdict) {
        Optional<String> withheld = instance.withheld(name);
        if (withheld.isPresent()) {
            throw verdict.notChecked(name + " of " + instance.where() + " is " + withheld.get());
        }
        return instance.info().env(name);
    }

    static int metricsPort(GatewayInstance instance) {
        return port(instance.info(), "AIGW_FASTAPI__METRICS_PORT", DEFAULT_METRICS_PORT);
    }

    public static int apiPort(GatewayInstance instance) {
        return port(instance.info(), "AIGW_FASTAPI__API_PORT", DEFAULT_API_PORT);
    }

    private static int port(ContainerInfo container, String variable, int fallback) {
        return container.env(variable).map(String::trim).filter(v -> v.matches("\\d{1,5}")).map(Integer::parseInt).orElse(fallback);
    }

    /** On the host network, an instance that stopped because its port was taken says so in its last log lines. */
    static Optional<String> metricsPortClash(GatewayInstance instance) {
        ContainerInfo container = instance.info();
        if (!container.onHostNetwork() || container.running()) {
            return Optional.empty();
        }
        Inspection<String> logs = instance.logs();
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
     * Models whose endpoint is on loopback where loopback is the instance itself: a container with a network of its own,
     * or a pod without {@code hostNetwork} and without a sidecar serving that port (a pod's containers share localhost). A
     * container on the host network, or sharing another container's namespace ({@code NetworkMode: container:…}), reaches out.
     */
    static List<Environment.Model> localhostModels(Environment environment, GatewayInstance instance) {
        return environment.models().stream().filter(Environment.Model::hasOpenAiCompatibleEndpoint)
                .filter(m -> isLoopback(m.endpoint().orElseThrow().getHost()))
                .filter(m -> !instance.localhostReaches(port(m.endpoint().orElseThrow()))).toList();
    }

    /** The container whose network namespace this instance shares, from {@code network mode container:<id or name>}. */
    static Optional<String> sharedNamespace(GatewayInstance instance) {
        String mode = instance.network();
        return mode.startsWith("network mode container:") ? Optional.of(mode.substring("network mode container:".length())) : Optional.empty();
    }

    /** pydantic's reading of a boolean variable, which is how the AI gateway reads it. */
    static boolean isTrue(Optional<String> value) {
        return value.map(v -> TRUE.contains(v.trim().toLowerCase(Locale.ROOT))).orElse(false);
    }

    public static Optional<Problem> customModelsDisabled(GatewayInstance instance, Verdict verdict) {
        Optional<String> value = variable(instance, "AIGW_CUSTOM_MODELS__ENABLED", verdict);
        if (isTrue(value)) {
            return Optional.empty();
        }
        return Optional.of(new Problem("custom-models-disabled", "AIGW_CUSTOM_MODELS__ENABLED in the environment of " + instance.where(),
                "AIGW_CUSTOM_MODELS__ENABLED=true",
                value.map(v -> "AIGW_CUSTOM_MODELS__ENABLED=" + v).orElse("not set (the AI gateway then defaults to false)")
                        + ": the AI gateway refuses self-hosted model endpoints"));
    }

    /** {@code AIGW_GITLAB_URL} and {@code AIGW_GITLAB_API_URL} name this GitLab (gitlab.url, or the container's own URL when the file has none). */
    public static Optional<Problem> gitlabUrlMismatch(Environment environment, GatewayInstance instance, Verdict verdict) {
        Optional<String> url = variable(instance, "AIGW_GITLAB_URL", verdict).filter(v -> !v.isBlank());
        Optional<URI> expected = environment.gitlab().map(Environment.GitLab::url);
        String checked = "AIGW_GITLAB_URL and AIGW_GITLAB_API_URL in the environment of " + instance.where();
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
        Optional<String> api = variable(instance, "AIGW_GITLAB_API_URL", verdict).filter(v -> !v.isBlank());
        if (api.isPresent() && !parse(api.get()).map(a -> same(a, URI.create(withSlash(base) + "api/v4/"))).orElse(false)) {
            return Optional.of(new Problem("gitlab-url-mismatch", checked, expectation, "AIGW_GITLAB_API_URL=" + api.get()));
        }
        return Optional.empty();
    }

    static Optional<Problem> authBypassed(Environment environment, GatewayInstance instance, Verdict verdict) {
        boolean expected = environment.aiGateway().map(Environment.AiGateway::authBypassExpected).orElse(false);
        Optional<String> value = variable(instance, "AIGW_AUTH__BYPASS_EXTERNAL", verdict);
        if (expected || !isTrue(value)) {
            return Optional.empty();
        }
        return Optional.of(new Problem("auth-bypassed", "AIGW_AUTH__BYPASS_EXTERNAL in the environment of " + instance.where(),
                "not set or false: the newer doc forbids bypassing authentication in production "
                        + "(the seed doc asked for true only while troubleshooting; set ai_gateway.auth_bypass_expected: true for such a run)",
                "AIGW_AUTH__BYPASS_EXTERNAL=" + value.orElse("") + ": the AI gateway accepts requests without a GitLab token"));
    }

    /**
     * Whether the instance reaches its GitLab for token validation: the OIDC discovery document at
     * {@code AIGW_GITLAB_URL}, then the keys at its {@code jwks_uri}, both fetched from inside. A TLS failure
     * belongs to ai-gateway-tls and the engine's or image's limits leave the caller's section not checked.
     */
    public static Optional<Problem> gitlabUnreachable(GatewayInstance instance, Verdict verdict) {
        URI base = URI.create(withSlash(parse(instance.info().env("AIGW_GITLAB_URL").orElseThrow()).orElseThrow()));
        String expected = "HTTP 200 with the OIDC discovery document and a JWKS with keys; without them the AI gateway rejects "
                + "GitLab's tokens with `JWTError: Signature verification failed` or `No keys founds in JWKS; are OIDC providers up?`";
        Exchange discovery = verdict.usable(instance.get(base.resolve(".well-known/openid-configuration"), Optional.empty())
                .orElseThrow(verdict::notChecked));
        String jwks = discovery.json().map(j -> j.path("jwks_uri").asText("")).orElse("");
        if (!discovery.answered() || discovery.status() != 200 || jwks.isBlank()) {
            return Optional.of(new Problem("unreachable", discovery.request(), expected, discovery.outcome()));
        }
        Optional<URI> jwksUri = parse(jwks);
        if (jwksUri.isEmpty()) {
            return Optional.of(new Problem("unreachable", discovery.request(), expected, "jwks_uri '" + jwks + "' is not a URL"));
        }
        Exchange keys = verdict.usable(instance.get(jwksUri.get(), Optional.empty()).orElseThrow(verdict::notChecked));
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
