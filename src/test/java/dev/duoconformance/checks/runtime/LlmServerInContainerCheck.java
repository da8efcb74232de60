package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.runtime.LlmServerInContainer;
import dev.duoconformance.runtime.GatewayRuntime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("llm-server-in-container")
@Tag("runtime")
@Tag("llm-server-in-container")
class LlmServerInContainerCheck {

    @Test
    @DisplayName("A model endpoint on localhost is used only where localhost reaches it: the host network (--network host, hostNetwork) or a sidecar of the pod")
    void localhostEndpointsNeedTheHostNetwork(GatewayRuntime runtime, Rules rules, Verdict verdict) {
        verdict.require(rules.get(LlmServerInContainer.class).localhostEndpointsReachable());
    }

    @Test
    @DisplayName("On the host network, the AI gateway's metrics port (AIGW_FASTAPI__METRICS_PORT, default 8082) is not taken by another process")
    void metricsPortIsFreeOnTheHostNetwork(GatewayRuntime runtime, Rules rules, Verdict verdict) {
        verdict.require(rules.get(LlmServerInContainer.class).metricsPortFree());
    }
}
