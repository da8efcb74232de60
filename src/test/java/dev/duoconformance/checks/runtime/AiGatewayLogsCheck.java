package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.runtime.AiGatewayLogs;
import dev.duoconformance.runtime.GatewayRuntime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-logs")
@Tag("runtime")
@Tag("ai-gateway-logs")
class AiGatewayLogsCheck {

    /** Informational: logging is a choice, so the section reports where the logs go and never fails. */
    @Test
    @DisplayName("The AI gateway's logging configuration is reported (AIGW_LOGGING__LEVEL, AIGW_LOGGING__TO_FILE)")
    void loggingConfigurationIsReported(GatewayRuntime runtime, Rules rules, Verdict verdict) {
        verdict.require(rules.get(AiGatewayLogs.class).configurationReported());
    }
}
