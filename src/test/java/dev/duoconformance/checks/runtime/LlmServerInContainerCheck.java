package dev.duoconformance.checks.runtime;

import dev.duoconformance.config.Environment;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayRuntime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("llm-server-in-container")
@Tag("runtime")
@Tag("llm-server-in-container")
@DisplayName("LLM server is not available inside the AI gateway container")
class LlmServerInContainerCheck {

    @Test
    @DisplayName("A model endpoint on localhost is used only where localhost reaches it: the host network (--network host, hostNetwork) or a sidecar of the pod")
    void localhostEndpointsNeedTheHostNetwork(Environment environment, GatewayRuntime runtime, Verdict verdict) {
        if (environment.models().stream().noneMatch(Environment.Model::hasOpenAiCompatibleEndpoint)) {
            throw verdict.notChecked("no model with an endpoint is configured (models: in the environment file)");
        }
        GatewayContainer.judgeEach(runtime, verdict, instance -> {
            List<Environment.Model> unreachable = GatewayContainer.localhostModels(environment, instance);
            if (unreachable.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new GatewayContainer.Problem("localhost-endpoint",
                    "model endpoints against the network of " + instance.where() + " (" + instance.network() + ")",
                    "an endpoint the container can reach: the host's IP or DNS name (on Kubernetes, the model's Service), the host network "
                            + "(docker run --network host -e AIGW_FASTAPI__METRICS_PORT=8083 …, or hostNetwork: true), or a sidecar in the "
                            + "same pod that declares the port",
                    unreachable.stream().map(m -> m.name() + ": " + m.endpoint().orElseThrow()).collect(Collectors.joining(", "))
                            + "; inside a container with its own network, localhost is the container itself"));
        });
    }

    @Test
    @DisplayName("On the host network, the AI gateway's metrics port (AIGW_FASTAPI__METRICS_PORT, default 8082) is not taken by another process")
    void metricsPortIsFreeOnTheHostNetwork(GatewayRuntime runtime, Verdict verdict) {
        GatewayContainer.judgeEach(runtime, verdict, instance -> {
            ContainerInfo container = instance.info();
            int port = GatewayContainer.metricsPort(instance);
            if (!container.onHostNetwork()) {
                throw verdict.notChecked(instance.where() + " is not on the host network (" + instance.network()
                        + "), so its metrics port cannot clash with the host's");
            }
            Optional<String> clash = GatewayContainer.metricsPortClash(instance);
            if (clash.isPresent()) {
                return Optional.of(new GatewayContainer.Problem("metrics-port-clash",
                        "state and last log lines of " + instance.where() + " on the host network (metrics port " + port + ")",
                        "the AI gateway running, its metrics on a free port (AIGW_FASTAPI__METRICS_PORT=8083 on the host network)",
                        "it is " + container.state() + "; its log says: " + clash.get()));
            }
            GatewayContainer.running(instance, verdict);
            verdict.note(instance.where() + " is on the host network, serving metrics on port " + port);
            return Optional.empty();
        });
    }
}
