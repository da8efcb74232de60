package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-logs")
@Tag("runtime")
@Tag("ai-gateway-logs")
class AiGatewayLogsCheck {
    /** Informational: logging is a choice, so the section reports where the logs go and never fails. */
    @Test
    void loggingConfigurationIsReported(SectionCheck check) {
        check.judge();
    }
}
