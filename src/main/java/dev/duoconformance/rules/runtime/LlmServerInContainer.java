package dev.duoconformance.rules.runtime;

import static dev.duoconformance.rules.runtime.ContainerReads.localhostModels;
import static dev.duoconformance.rules.runtime.ContainerReads.metricsPort;
import static dev.duoconformance.rules.runtime.ContainerReads.metricsPortClash;
import static dev.duoconformance.rules.runtime.ContainerReads.sharedNamespace;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.EachInstance;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayInstance;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Section llm-server-in-container: a model endpoint on localhost is used only where localhost reaches it (the host
 * network, a sidecar of the pod), and on the host network the AI gateway's metrics port is not taken by another process.
 */
public final class LlmServerInContainer {
    public static final Check<LlmServerInContainer> LOCALHOST_ENDPOINTS_REACHABLE = Check.of(
            "localhostEndpointsNeedTheHostNetwork",
            "A model endpoint on localhost is used only where localhost reaches it: the host network (--network host, hostNetwork) or a sidecar of the pod",
            Gate.from(Gate.Vantage.RUNTIME),
            LlmServerInContainer::localhostEndpointsReachable);
    public static final Check<LlmServerInContainer> METRICS_PORT_FREE = Check.of(
            "metricsPortIsFreeOnTheHostNetwork",
            "On the host network, the AI gateway's metrics port (AIGW_FASTAPI__METRICS_PORT, default 8082) is not taken by another process",
            Gate.from(Gate.Vantage.RUNTIME),
            LlmServerInContainer::metricsPortFree);
    public static final Declaration<LlmServerInContainer> SECTION = Declaration.of(
                    Sections.LLM_SERVER_IN_CONTAINER, LlmServerInContainer::new)
            .dependsOn(Sections.IMAGE_PLATFORM)
            .checks(LOCALHOST_ENDPOINTS_REACHABLE, METRICS_PORT_FREE);
    private static final String ID = Sections.LLM_SERVER_IN_CONTAINER;
    private static final String REACHABLE_ENDPOINT =
            "an endpoint the container can reach: the host's IP or DNS name (on Kubernetes, the "
                    + "model's Service), the host network (docker run --network host -e AIGW_FASTAPI__METRICS_PORT=8083 …, or hostNetwork: true), "
                    + "or a sidecar in the same pod that declares the port";
    private static final String FREE_PORT =
            "the AI gateway running, its metrics on a free port (AIGW_FASTAPI__METRICS_PORT=8083 on the host network)";

    private final EachInstance each;
    private final Environment environment;

    private LlmServerInContainer(Probes probes) {
        this.each = probes.instances().orElseThrow();
        this.environment = probes.environment();
    }

    private Condition localhostEndpointsReachable() {
        if (environment.models().stream().noneMatch(Environment.Model::hasOpenAiCompatibleEndpoint)) {
            return Condition.unknown("no model with an endpoint is configured (models: in the environment file)");
        }
        return each.judge(instance -> {
            List<Environment.Model> unreachable = localhostModels(environment, instance);
            if (unreachable.isEmpty()) {
                return sharedNamespace(instance)
                        .map(target ->
                                Condition.holdsBecause("the AI gateway shares the network namespace of container '"
                                        + target + "' (NetworkMode container:" + target
                                        + "); localhost there is that container"))
                        .orElseGet(Condition::holds);
            }
            return Condition.broken(each.failure(
                    "localhost-endpoint",
                    "model endpoints against the network of " + instance.where() + " (" + instance.network() + ")",
                    REACHABLE_ENDPOINT,
                    unreachable.stream()
                                    .map(m -> m.name() + ": " + m.endpoint().orElseThrow())
                                    .collect(Collectors.joining(", "))
                            + "; inside a container with its own network, localhost is the container itself"));
        });
    }

    /** What the model's own section is blocked by when the model's endpoint, seen from this instance, is the instance itself. */
    public Optional<Condition> endpointIsTheContainer(Environment.Model model, GatewayInstance instance) {
        if (!localhostModels(environment, instance).contains(model)) {
            return Optional.empty();
        }
        return Optional.of(Condition.broken(each.failure(
                "localhost-endpoint",
                "the endpoint of model '" + model.name() + "' in " + instance.where() + " (" + instance.network() + ")",
                REACHABLE_ENDPOINT,
                model.endpoint().orElseThrow() + " is the container itself")));
    }

    private Condition metricsPortFree() {
        return each.judge(instance -> {
            ContainerInfo container = instance.info();
            int port = metricsPort(instance);
            if (!container.onHostNetwork()) {
                return Condition.unknown(instance.where() + " is not on the host network (" + instance.network()
                        + "), so its metrics port cannot clash with the host's");
            }
            Optional<String> clash = metricsPortClash(instance);
            if (clash.isPresent()) {
                return Condition.broken(each.failure(
                        "metrics-port-clash",
                        "state and last log lines of " + instance.where() + " on the host network (metrics port " + port
                                + ")",
                        FREE_PORT,
                        "it is " + container.state() + "; its log says: " + clash.get()));
            }
            return Running.stopped(instance)
                    .orElseGet(() -> Condition.holdsBecause(
                            instance.where() + " is on the host network, serving metrics on port " + port));
        });
    }

    /** What a section that needs the instance running is blocked by, when a metrics-port clash on the host network stopped it. */
    static Optional<Failure> stoppedByPortClash(GatewayInstance instance) {
        return metricsPortClash(instance)
                .map(clash -> new Failure(ID, "metrics-port-clash", instance.where() + " stopped", FREE_PORT, clash));
    }
}
