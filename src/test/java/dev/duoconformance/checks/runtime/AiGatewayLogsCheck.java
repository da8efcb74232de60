package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-logs")
@Tag("runtime")
@Tag("ai-gateway-logs")
@DisplayName("No logs generated in the AI gateway server")
class AiGatewayLogsCheck {

    /** Informational: logging is a choice, so the section reports where the logs go and never fails. */
    @Test
    @DisplayName("The AI gateway's logging configuration is reported (AIGW_LOGGING__LEVEL, AIGW_LOGGING__TO_FILE)")
    void loggingConfigurationIsReported(GatewayRuntime runtime, Verdict verdict) {
        ContainerInfo container = GatewayContainer.inspected(runtime, verdict);
        List<String> facts = new ArrayList<>();
        String level = container.env("AIGW_LOGGING__LEVEL").filter(v -> !v.isBlank()).orElse(null);
        facts.add(level == null ? "AIGW_LOGGING__LEVEL not set (INFO)" : "AIGW_LOGGING__LEVEL=" + level);
        facts.add(container.env("AIGW_LOGGING__TO_FILE").filter(v -> !v.isBlank()).map(f -> "logs written to " + f + " inside the container")
                .orElse("AIGW_LOGGING__TO_FILE not set: logs go to the container's output (docker logs " + container.name() + ")"));
        for (String optional : List.of("AIGW_LOGGING__ENABLE_REQUEST_LOGGING", "AIGW_LOGGING__ENABLE_LITELLM_LOGGING")) {
            if (GatewayContainer.isTrue(container.env(optional))) {
                facts.add(optional + "=true");
            }
        }
        if ("DEBUG".equalsIgnoreCase(level)) {
            facts.add("set AIGW_LOGGING__LEVEL back to INFO after troubleshooting: debug logs can hold prompts and code");
        }
        verdict.note(String.join("; ", facts));
    }
}
