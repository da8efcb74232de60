package dev.duoconformance.runtime.kubernetes;

import dev.duoconformance.runtime.Inspection;
import dev.duoconformance.runtime.Platform;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a pod as the API returns it into {@link PodFacts}: the gateway's container, its environment built as the
 * kubelet builds it ({@code envFrom} in order, then {@code env}, later entries winning, {@code $(VAR)} expanded), with
 * ConfigMap values read and Secret values never read, and the node's platform.
 */
final class PodReader {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([-._a-zA-Z][-._a-zA-Z0-9]*)\\)");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    /** A configuration mistake the suite cannot look past, e.g. a container name the pod does not have. */
    static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private final Optional<String> containerName;
    private final Function<String, Inspection<Map<String, String>>> configMaps;
    private final Function<String, Inspection<Platform>> nodes;

    PodReader(
            Optional<String> containerName,
            Function<String, Inspection<Map<String, String>>> configMaps,
            Function<String, Inspection<Platform>> nodes) {
        this.containerName = containerName;
        this.configMaps = configMaps;
        this.nodes = nodes;
    }

    PodFacts read(Pod pod) {
        String name = pod.getMetadata().getName();
        List<Container> containers = pod.getSpec().getContainers();
        Container gateway = containerName
                .map(c -> containers.stream()
                        .filter(x -> x.getName().equals(c))
                        .findFirst()
                        .orElseThrow(() -> new Refusal("pod '" + name + "' has no container '" + c + "' (it has "
                                + names(containers) + "); set ai_gateway.kubernetes.container to the AI gateway's")))
                .orElseGet(() -> {
                    if (containers.size() != 1) {
                        throw new Refusal("pod '" + name + "' has containers " + names(containers)
                                + "; set ai_gateway.kubernetes.container to the AI gateway's");
                    }
                    return containers.get(0);
                });
        Map<String, List<Integer>> others = new LinkedHashMap<>();
        containers.stream()
                .filter(c -> c != gateway)
                .forEach(c -> others.put(
                        c.getName(),
                        Optional.ofNullable(c.getPorts()).orElse(List.of()).stream()
                                .map(ContainerPort::getContainerPort)
                                .toList()));
        Optional<ContainerStatus> status =
                Optional.ofNullable(pod.getStatus()).map(s -> s.getContainerStatuses()).orElse(List.of()).stream()
                        .filter(s -> s.getName().equals(gateway.getName()))
                        .findFirst();
        List<String> undisclosed = new ArrayList<>();
        List<PodFacts.EnvVar> env = environment(pod, gateway, undisclosed);
        String node = Optional.ofNullable(pod.getSpec().getNodeName()).orElse("");
        Optional<Platform> platform = Optional.empty();
        String platformSource = "the pod is not scheduled on a node yet";
        if (!node.isEmpty()) {
            Inspection<Platform> fromNode = nodes.apply(node);
            platform = Optional.ofNullable(fromNode.value());
            platformSource = fromNode.ok() ? "node '" + node + "' (status.nodeInfo)" : fromNode.problem();
        }
        Map<String, String> selector =
                Optional.ofNullable(pod.getSpec().getNodeSelector()).orElse(Map.of());
        if (platform.isEmpty() && selector.containsKey("kubernetes.io/arch")) {
            platform = Optional.of(Platform.of(
                    selector.getOrDefault("kubernetes.io/os", "linux"), selector.get("kubernetes.io/arch")));
            platformSource = "the pod's nodeSelector kubernetes.io/arch (" + platformSource + ")";
        }
        return new PodFacts(
                pod.getMetadata().getNamespace(),
                name,
                node,
                Optional.ofNullable(pod.getStatus()).map(s -> s.getPhase()).orElse("Unknown"),
                gateway.getName(),
                gateway.getImage(),
                status.map(ContainerStatus::getImageID).orElse(""),
                status.map(s -> state(s.getState())).orElse(PodFacts.ContainerState.UNKNOWN),
                status.map(ContainerStatus::getRestartCount).orElse(0),
                status.map(ContainerStatus::getLastState)
                        .map(PodReader::state)
                        .filter(s -> s.kind().equals("terminated")),
                Boolean.TRUE.equals(pod.getSpec().getHostNetwork()),
                Map.copyOf(others),
                List.copyOf(env),
                List.copyOf(undisclosed),
                platform,
                platformSource);
    }

    private List<PodFacts.EnvVar> environment(Pod pod, Container container, List<String> undisclosed) {
        Map<String, PodFacts.EnvVar> env = new LinkedHashMap<>();
        for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            String prefix = Optional.ofNullable(from.getPrefix()).orElse("");
            if (from.getSecretRef() != null) {
                undisclosed.add("Secret " + from.getSecretRef().getName() + " (envFrom"
                        + (prefix.isEmpty() ? "" : ", prefix " + prefix) + ")");
            } else if (from.getConfigMapRef() != null) {
                String map = from.getConfigMapRef().getName();
                Inspection<Map<String, String>> data = configMaps.apply(map);
                if (!data.ok()) {
                    undisclosed.add("ConfigMap " + map + " (envFrom, not read: " + data.problem() + ")");
                    continue;
                }
                data.value().forEach((key, value) -> {
                    if (ENV_NAME.matcher(prefix + key).matches()) {
                        env.put(
                                prefix + key,
                                new PodFacts.EnvVar(
                                        prefix + key,
                                        Optional.of(value),
                                        "ConfigMap " + map + "/" + key + " (envFrom)"));
                    }
                });
            }
        }
        for (io.fabric8.kubernetes.api.model.EnvVar variable :
                Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            String name = variable.getName();
            EnvVarSource source = variable.getValueFrom();
            if (source == null) {
                env.put(
                        name,
                        new PodFacts.EnvVar(
                                name,
                                Optional.of(expand(
                                        Optional.ofNullable(variable.getValue()).orElse(""), env)),
                                "value"));
            } else if (source.getSecretKeyRef() != null) {
                env.put(
                        name,
                        new PodFacts.EnvVar(
                                name,
                                Optional.empty(),
                                "Secret " + source.getSecretKeyRef().getName() + "/"
                                        + source.getSecretKeyRef().getKey()));
            } else if (source.getConfigMapKeyRef() != null) {
                String map = source.getConfigMapKeyRef().getName();
                String key = source.getConfigMapKeyRef().getKey();
                Inspection<Map<String, String>> data = configMaps.apply(map);
                String where = "ConfigMap " + map + "/" + key;
                if (!data.ok()) {
                    env.put(
                            name,
                            new PodFacts.EnvVar(name, Optional.empty(), where + " (not read: " + data.problem() + ")"));
                } else if (data.value().containsKey(key)) {
                    env.put(
                            name,
                            new PodFacts.EnvVar(name, Optional.of(data.value().get(key)), where));
                } else if (!Boolean.TRUE.equals(source.getConfigMapKeyRef().getOptional())) {
                    env.put(
                            name,
                            new PodFacts.EnvVar(
                                    name,
                                    Optional.empty(),
                                    where + " (no such key: the kubelet does not start the container)"));
                }
            } else if (source.getFieldRef() != null) {
                String path = source.getFieldRef().getFieldPath();
                env.put(name, new PodFacts.EnvVar(name, field(pod, path), "field " + path));
            } else {
                env.put(name, new PodFacts.EnvVar(name, Optional.empty(), "resource or file reference"));
            }
        }
        return new ArrayList<>(env.values());
    }

    /** Kubernetes' dependent variables: {@code $(NAME)} of an earlier variable is replaced, {@code $$} is a literal {@code $}. */
    private static String expand(String value, Map<String, PodFacts.EnvVar> earlier) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) == null
                    ? "$"
                    : Optional.ofNullable(earlier.get(m.group(1)))
                            .flatMap(PodFacts.EnvVar::value)
                            .orElse(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Optional<String> field(Pod pod, String path) {
        return Optional.ofNullable(
                switch (path) {
                    case "metadata.name" -> pod.getMetadata().getName();
                    case "metadata.namespace" -> pod.getMetadata().getNamespace();
                    case "spec.nodeName" -> pod.getSpec().getNodeName();
                    case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
                    case "status.podIP" ->
                        pod.getStatus() == null ? null : pod.getStatus().getPodIP();
                    case "status.hostIP" ->
                        pod.getStatus() == null ? null : pod.getStatus().getHostIP();
                    default -> null;
                });
    }

    static PodFacts.ContainerState state(io.fabric8.kubernetes.api.model.ContainerState state) {
        if (state == null) {
            return PodFacts.ContainerState.UNKNOWN;
        }
        if (state.getRunning() != null) {
            return new PodFacts.ContainerState("running", "", "", null);
        }
        if (state.getWaiting() != null) {
            return new PodFacts.ContainerState(
                    "waiting",
                    text(state.getWaiting().getReason()),
                    text(state.getWaiting().getMessage()),
                    null);
        }
        if (state.getTerminated() != null) {
            var terminated = state.getTerminated();
            return new PodFacts.ContainerState(
                    "terminated",
                    text(terminated.getReason()),
                    text(terminated.getMessage()),
                    terminated.getExitCode());
        }
        return PodFacts.ContainerState.UNKNOWN;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String names(List<Container> containers) {
        return String.join(
                ", ", containers.stream().map(c -> "'" + c.getName() + "'").toList());
    }
}
