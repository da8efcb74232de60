package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayInstance;
import dev.duoconformance.runtime.GatewayRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        List<GatewayInstance> instances = GatewayContainer.instances(runtime, verdict);
        for (GatewayInstance instance : instances) {
            verdict.note((instances.size() > 1 ? instance.where() + ": " : "") + String.join("; ", facts(instance)));
        }
    }

    private static List<String> facts(GatewayInstance instance) {
        ContainerInfo container = instance.info();
        List<String> facts = new ArrayList<>();
        String level = container.env("AIGW_LOGGING__LEVEL").filter(v -> !v.isBlank()).orElse(null);
        Optional<String> withheld = instance.withheld("AIGW_LOGGING__LEVEL");
        facts.add(level != null ? "AIGW_LOGGING__LEVEL=" + level
                : withheld.map(w -> "AIGW_LOGGING__LEVEL " + w).orElse("AIGW_LOGGING__LEVEL not set (INFO)"));
        facts.add(container.env("AIGW_LOGGING__TO_FILE").filter(v -> !v.isBlank()).map(f -> "logs written to " + f + " inside the container")
                .orElse("AIGW_LOGGING__TO_FILE not set: logs go to the container's output (" + instance.logsCommand() + ")"));
        for (String optional : List.of("AIGW_LOGGING__ENABLE_REQUEST_LOGGING", "AIGW_LOGGING__ENABLE_LITELLM_LOGGING")) {
            if (GatewayContainer.isTrue(container.env(optional))) {
                facts.add(optional + "=true");
            }
        }
        if ("DEBUG".equalsIgnoreCase(level)) {
            facts.add("set AIGW_LOGGING__LEVEL back to INFO after troubleshooting: debug logs can hold prompts and code");
        }
        return facts;
    }
}
