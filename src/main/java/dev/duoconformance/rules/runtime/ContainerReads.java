package dev.duoconformance.rules.runtime;

import dev.duoconformance.config.Environment;
import dev.duoconformance.rules.Unknowable;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayInstance;
import dev.duoconformance.runtime.Inspection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** How the runtime rules read an instance of the AI gateway: its variables as the gateway reads them, its ports, its network. */
final class ContainerReads {
    static final int DEFAULT_METRICS_PORT = 8082;
    static final int DEFAULT_API_PORT = 5052;
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "t", "y");

    private ContainerReads() {}

    /** The value the suite may read; {@link Unknowable} when the instance takes it from a Secret or a source the suite does not read. */
    static Optional<String> variable(GatewayInstance instance, String name) {
        Optional<String> withheld = instance.withheld(name);
        if (withheld.isPresent()) {
            throw new Unknowable(name + " of " + instance.where() + " is " + withheld.get());
        }
        return instance.info().env(name);
    }

    /** pydantic's reading of a boolean variable, which is how the AI gateway reads it. */
    static boolean isTrue(Optional<String> value) {
        return value.map(v -> TRUE.contains(v.trim().toLowerCase(Locale.ROOT))).orElse(false);
    }

    static int metricsPort(GatewayInstance instance) {
        return port(instance.info(), "AIGW_FASTAPI__METRICS_PORT", DEFAULT_METRICS_PORT);
    }

    static int apiPort(GatewayInstance instance) {
        return port(instance.info(), "AIGW_FASTAPI__API_PORT", DEFAULT_API_PORT);
    }

    private static int port(ContainerInfo container, String variable, int fallback) {
        return container
                .env(variable)
                .map(String::trim)
                .filter(v -> v.matches("\\d{1,5}"))
                .map(Integer::parseInt)
                .orElse(fallback);
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
        return logs.value()
                .lines()
                .map(String::strip)
                .filter(l -> l.toLowerCase(Locale.ROOT).contains("address already in use") || l.contains("Errno 98"))
                .reduce((first, last) -> last);
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.\\d{1,3}){3}")
                || h.equals("0.0.0.0");
    }

    /**
     * Models whose endpoint is on loopback where loopback is the instance itself: a container with a network of its own,
     * or a pod without {@code hostNetwork} and without a sidecar serving that port (a pod's containers share localhost). A
     * container on the host network, or sharing another container's namespace ({@code NetworkMode: container:…}), reaches out.
     */
    static List<Environment.Model> localhostModels(Environment environment, GatewayInstance instance) {
        return environment.models().stream()
                .filter(Environment.Model::hasOpenAiCompatibleEndpoint)
                .filter(m -> isLoopback(m.endpoint().orElseThrow().getHost()))
                .filter(m -> !instance.localhostReaches(port(m.endpoint().orElseThrow())))
                .toList();
    }

    /** The container whose network namespace this instance shares, from {@code network mode container:<id or name>}. */
    static Optional<String> sharedNamespace(GatewayInstance instance) {
        String mode = instance.network();
        return mode.startsWith("network mode container:")
                ? Optional.of(mode.substring("network mode container:".length()))
                : Optional.empty();
    }

    static String withSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text : text + "/";
    }

    static Optional<URI> parse(String value) {
        try {
            URI uri = new URI(value.trim());
            return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    static boolean same(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b)
                && path(a).equals(path(b));
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String path(URI uri) {
        return uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    }
}
