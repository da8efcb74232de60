package dev.duoconformance.runtime.kubernetes;

import dev.duoconformance.catalogue.Shown;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.Redactor;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.ExecResult;
import dev.duoconformance.runtime.GatewayInstance;
import dev.duoconformance.runtime.Inspection;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One replica of the AI gateway: the gateway's container in one pod. */
final class KubernetesReplica implements GatewayInstance {
    private final KubernetesInspector kubernetes;
    private final PodFacts pod;
    private final int replicas;

    KubernetesReplica(KubernetesInspector kubernetes, PodFacts pod, int replicas) {
        this.kubernetes = kubernetes;
        this.pod = pod;
        this.replicas = replicas;
    }

    @Override
    public ContainerInfo info() {
        Map<String, String> known = new LinkedHashMap<>();
        pod.env().forEach(v -> v.value().ifPresent(value -> known.put(v.name(), value)));
        return new ContainerInfo(
                pod.pod(),
                pod.pod(),
                pod.image(),
                pod.imageId(),
                pod.state().running(),
                false,
                pod.describeState(),
                null,
                pod.hostNetwork() ? "host" : "pod",
                Map.copyOf(known));
    }

    @Override
    public String where() {
        return pod.where() + (replicas > 1 ? ", one of " + replicas + " replicas" : "");
    }

    @Override
    public Optional<String> withheld(String variable) {
        Optional<PodFacts.EnvVar> declared = pod.variable(variable);
        if (declared.isPresent()) {
            return declared.get().value().isPresent()
                    ? Optional.empty()
                    : Optional.of("set from " + declared.get().source()
                            + (declared.get().fromSecret() ? ", whose value the suite never reads" : ""));
        }
        if (pod.undisclosed().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("not in the pod's env; it may come from " + String.join(", ", pod.undisclosed())
                + ", which the suite does not read");
    }

    @Override
    public boolean environmentIncludesImageDefaults() {
        return false;
    }

    @Override
    public boolean localhostReaches(int port) {
        return pod.hostNetwork() || pod.otherContainers().values().stream().anyMatch(ports -> ports.contains(port));
    }

    @Override
    public String network() {
        if (pod.hostNetwork()) {
            return "hostNetwork: true";
        }
        String sidecars = pod.otherContainers().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return "the pod network" + (sidecars.isEmpty() ? ", no sidecar" : ", sidecars " + sidecars);
    }

    @Override
    public String describe(Predicate<String> names) {
        return pod.env().stream()
                .filter(v -> names.test(v.name()))
                .sorted(Comparator.comparing(PodFacts.EnvVar::name))
                .map(v -> v.name() + "="
                        + (v.value().isEmpty()
                                ? "(" + v.source() + ")"
                                : (Redactor.looksSecret(v.name())
                                                ? Redactor.MASK
                                                : v.value().get())
                                        + (v.source().equals("value") ? "" : "   # " + v.source())))
                .collect(Collectors.joining("\n"));
    }

    /**
     * The API does not say which platforms an image has (that is in the registry's manifest), so the evidence is the
     * container's behaviour on its node: the runtime's {@code exec format error} in its termination message or in its
     * log (current, or the previous instance's after a restart), or a pull refused with {@code no match for platform in
     * manifest}. A container that started and runs has an image its node can execute.
     */
    @Override
    public Inspection<PlatformFinding> platform() {
        String node = pod.nodePlatform()
                .map(p -> "node '" + pod.node() + "' (" + p + ", from " + pod.nodePlatformSource() + ")")
                .orElse("node '" + pod.node() + "' (platform unknown: " + pod.nodePlatformSource() + ")");
        String checked = "state, last termination and logs of " + where() + " on " + node;
        String expected = "the image's entrypoint starts on its node"
                + pod.nodePlatform().map(p -> " (" + p + ")").orElse("")
                + "; pin the pods to nodes of the image's architecture (nodeSelector kubernetes.io/arch), or use a multi-arch tag";
        Optional<String> evidence = Stream.concat(
                        Stream.of(pod.state().message()),
                        pod.lastTermination().map(PodFacts.ContainerState::message).stream())
                .filter(KubernetesReplica::platformError)
                .findFirst()
                .or(() -> logLines().filter(KubernetesReplica::platformError).reduce((first, last) -> last));
        if (evidence.isPresent()) {
            return Inspection.of(new PlatformFinding(
                    checked,
                    expected,
                    Optional.of("\"" + oneLine(evidence.get()) + "\"; the container is " + pod.describeState()),
                    Optional.empty()));
        }
        boolean ran = pod.state().running() || pod.lastTermination().isPresent();
        Optional<String> undecided = ran
                ? Optional.empty()
                : Optional.of("the container of " + where() + " has not started yet (" + pod.describeState()
                        + "), so whether its image runs on " + node + " cannot be told");
        return Inspection.of(new PlatformFinding(checked, expected, Optional.empty(), undecided));
    }

    private static boolean platformError(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("exec format error") || lower.contains("no match for platform in manifest");
    }

    private Stream<String> logLines() {
        if (pod.state().running() && pod.restartCount() == 0) {
            return Stream.empty();
        }
        Inspection<String> logs = logs();
        return logs.ok() ? logs.value().lines().map(String::strip) : Stream.empty();
    }

    @Override
    public Inspection<String> logs() {
        Inspection<String> current = kubernetes.logs(pod, false);
        if (pod.restartCount() == 0) {
            return current;
        }
        Inspection<String> previous = kubernetes.logs(pod, true);
        if (!current.ok() && !previous.ok()) {
            return current;
        }
        return Inspection.of((current.ok() ? current.value() : "")
                + (previous.ok()
                        ? "\n--- the previous instance, before the last restart (kubectl logs --previous) ---\n"
                                + previous.value()
                        : ""));
    }

    @Override
    public Inspection<Exchange> get(URI url, Optional<String> authorization) {
        return kubernetes.get(pod, url, authorization);
    }

    @Override
    public Inspection<ExecResult> exec(List<String> command, Duration deadline) {
        return kubernetes.exec(pod, command, Optional.empty(), deadline);
    }

    @Override
    public String shell(List<String> command) {
        return "kubectl exec -n " + pod.namespace() + " " + pod.pod() + " -c " + pod.container() + " -- "
                + String.join(" ", command);
    }

    @Override
    public String logsCommand() {
        return "kubectl logs -n " + pod.namespace() + " " + pod.pod() + " -c " + pod.container()
                + (pod.restartCount() > 0 ? " --previous" : "");
    }

    @Override
    public String transcript(String title, ExecResult result) {
        return kubernetes.transcript(pod, title, result);
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return Shown.quote(line, 300);
    }
}
