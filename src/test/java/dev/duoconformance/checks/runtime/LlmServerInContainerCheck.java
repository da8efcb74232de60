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
    @DisplayName("A model endpoint on localhost is used only by an AI gateway on the host network (--network host)")
    void localhostEndpointsNeedTheHostNetwork(Environment environment, GatewayRuntime runtime, Verdict verdict) {
        if (environment.models().stream().noneMatch(Environment.Model::hasOpenAiCompatibleEndpoint)) {
            throw verdict.notChecked("no model with an endpoint is configured (models: in the environment file)");
        }
        ContainerInfo container = GatewayContainer.inspected(runtime, verdict);
        List<Environment.Model> unreachable = GatewayContainer.localhostModels(environment, container);
        if (!unreachable.isEmpty()) {
            throw verdict.failed("localhost-endpoint",
                    "model endpoints against the network of container '" + container.name() + "' (network mode " + container.networkMode() + ")",
                    "an endpoint the container can reach: the Docker host's IP or DNS name, or the container on the host network "
                            + "(docker run --network host -e AIGW_FASTAPI__METRICS_PORT=8083 …)",
                    unreachable.stream().map(m -> m.name() + ": " + m.endpoint().orElseThrow()).collect(Collectors.joining(", "))
                            + "; inside a container with its own network, localhost is the container itself");
        }
        GatewayContainer.sharedNamespace(container).ifPresent(target -> verdict.note("the AI gateway shares the network namespace of "
                + "container '" + target + "' (NetworkMode " + container.networkMode() + "); localhost there is that container"));
    }

    @Test
    @DisplayName("On the host network, the AI gateway's metrics port (AIGW_FASTAPI__METRICS_PORT, default 8082) is not taken by another process")
    void metricsPortIsFreeOnTheHostNetwork(GatewayRuntime runtime, Verdict verdict) {
        ContainerInfo container = GatewayContainer.inspected(runtime, verdict);
        int port = GatewayContainer.metricsPort(container);
        if (!container.onHostNetwork()) {
            throw verdict.notChecked("the container is not on the host network (network mode " + container.networkMode()
                    + "), so its metrics port cannot clash with the host's");
        }
        Optional<String> clash = GatewayContainer.metricsPortClash(runtime, container);
        if (clash.isPresent()) {
            throw verdict.failed("metrics-port-clash",
                    "state and last log lines of container '" + container.name() + "' on the host network (metrics port " + port + ")",
                    "the AI gateway running, its metrics on a free port (AIGW_FASTAPI__METRICS_PORT=8083 under --network host)",
                    "the container is " + container.state() + "; its log says: " + clash.get());
        }
        GatewayContainer.running(runtime, verdict);
        verdict.note("on the host network, serving metrics on port " + port);
    }
}
