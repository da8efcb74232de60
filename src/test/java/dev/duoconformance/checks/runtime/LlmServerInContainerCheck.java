package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("llm-server-in-container")
@Tag("runtime")
@Tag("llm-server-in-container")
class LlmServerInContainerCheck {
    @Test
    void localhostEndpointsNeedTheHostNetwork(SectionCheck check) {
        check.judge();
    }

    @Test
    void metricsPortIsFreeOnTheHostNetwork(SectionCheck check) {
        check.judge();
    }
}
