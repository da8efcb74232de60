package dev.duoconformance.runtime.kubernetes;

import dev.duoconformance.catalogue.Shown;
import dev.duoconformance.runtime.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One replica of the AI gateway as the Kubernetes API shows it: its pod, the gateway's container in it and that
 * container's environment as the kubelet would build it (ConfigMap values read, Secret values never), and the facts
 * the runtime sections judge (network, restarts and terminations, the node's platform).
 *
 * @param otherContainers the pod's other containers (sidecars share the gateway's localhost) and the ports they declare
 * @param undisclosed     sources whose variables the suite cannot list without reading a Secret ({@code envFrom.secretRef})
 * @param nodePlatform    from the node's {@code status.nodeInfo}, else the pod's {@code nodeSelector}; empty when neither says
 */
public record PodFacts(
        String namespace,
        String pod,
        String node,
        String phase,
        String container,
        String image,
        String imageId,
        ContainerState state,
        int restartCount,
        Optional<ContainerState> lastTermination,
        boolean hostNetwork,
        Map<String, List<Integer>> otherContainers,
        List<EnvVar> env,
        List<String> undisclosed,
        Optional<Platform> nodePlatform,
        String nodePlatformSource) {

    /**
     * A variable of the container. {@code value} is empty when it comes from a Secret (whose values the suite never
     * reads) or could not be resolved; {@code source} then says where it comes from, e.g. {@code Secret aigw/api-key}.
     */
    public record EnvVar(String name, Optional<String> value, String source) {
        public boolean fromSecret() {
            return source.startsWith("Secret ");
        }
    }

    /**
     * {@code state} or {@code lastState} of a container status: {@code running}, {@code waiting} (reason such as
     * {@code CrashLoopBackOff}, {@code ImagePullBackOff}) or {@code terminated} (reason such as {@code OOMKilled},
     * {@code Error}, {@code StartError}, with the exit code and the runtime's message).
     */
    public record ContainerState(String kind, String reason, String message, Integer exitCode) {
        public static final ContainerState UNKNOWN = new ContainerState("unknown", "", "", null);

        public boolean running() {
            return kind.equals("running");
        }

        /** e.g. {@code waiting (CrashLoopBackOff)}, {@code terminated (OOMKilled, exit code 137)}. */
        @Override
        public String toString() {
            String details = String.join(
                    ", ",
                    java.util.stream.Stream.of(reason, exitCode == null ? "" : "exit code " + exitCode)
                            .filter(s -> !s.isBlank())
                            .toList());
            return details.isEmpty() ? kind : kind + " (" + details + ")";
        }
    }

    /** e.g. {@code pod 'ai-gateway-7d9f-x2x9q' (container 'ai-gateway')}. */
    public String where() {
        return "pod '" + pod + "' (container '" + container + "')";
    }

    /** The running container, or what Kubernetes says of it: {@code waiting (CrashLoopBackOff), 5 restarts, last terminated (OOMKilled, exit code 137): …}. */
    public String describeState() {
        if (state.running()) {
            return "running" + (restartCount > 0 ? ", " + restarts() : "");
        }
        StringBuilder text = new StringBuilder(state.toString());
        if (!state.message().isBlank()) {
            text.append(": ").append(oneLine(state.message()));
        }
        if (restartCount > 0) {
            text.append(", ").append(restarts());
        }
        lastTermination.ifPresent(last -> {
            text.append(", last ").append(last);
            if (!last.message().isBlank()) {
                text.append(": ").append(oneLine(last.message()));
            }
        });
        return text.toString();
    }

    private String restarts() {
        return restartCount + (restartCount == 1 ? " restart" : " restarts");
    }

    /** The value the container sees for {@code name}, when the suite may know it. */
    public Optional<EnvVar> variable(String name) {
        return env.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return Shown.quote(line, 300);
    }
}
