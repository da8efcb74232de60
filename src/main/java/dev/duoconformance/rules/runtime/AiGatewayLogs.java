package dev.duoconformance.rules.runtime;

import static dev.duoconformance.rules.runtime.ContainerReads.isTrue;

import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.EachInstance;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayInstance;
import dev.duoconformance.runtime.Inspection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Section ai-gateway-logs, informational: logging is a choice, so the section reports where each instance's logs go
 * ({@code AIGW_LOGGING__LEVEL}, {@code AIGW_LOGGING__TO_FILE}) and never fails.
 */
public final class AiGatewayLogs {
    /** Informational: logging is a choice, so the section reports where the logs go and never fails. */
    public static final Check<AiGatewayLogs> CONFIGURATION_REPORTED = Check.of(
            "loggingConfigurationIsReported",
            "The AI gateway's logging configuration is reported (AIGW_LOGGING__LEVEL, AIGW_LOGGING__TO_FILE)",
            Gate.from(Gate.Vantage.RUNTIME),
            AiGatewayLogs::configurationReported);

    public static final Declaration<AiGatewayLogs> SECTION =
            Declaration.of(Sections.AIGW_LOGS, AiGatewayLogs::new).checks(CONFIGURATION_REPORTED);

    private final EachInstance each;

    private AiGatewayLogs(Probes probes) {
        this.each = probes.instances().orElseThrow();
    }

    /** Holds, saying how each instance logs; unknown when the instances cannot be read. */
    private Condition configurationReported() {
        Inspection<List<GatewayInstance>> instances = each.instances();
        if (!instances.ok()) {
            return Condition.unknown(instances.problem());
        }
        List<String> reports = instances.value().stream()
                .map(instance -> (instances.value().size() > 1 ? instance.where() + ": " : "")
                        + String.join("; ", facts(instance)))
                .toList();
        return Condition.holdsBecause(String.join("; ", reports));
    }

    private static List<String> facts(GatewayInstance instance) {
        ContainerInfo container = instance.info();
        List<String> facts = new ArrayList<>();
        String level =
                container.env("AIGW_LOGGING__LEVEL").filter(v -> !v.isBlank()).orElse(null);
        Optional<String> withheld = instance.withheld("AIGW_LOGGING__LEVEL");
        facts.add(
                level != null
                        ? "AIGW_LOGGING__LEVEL=" + level
                        : withheld.map(w -> "AIGW_LOGGING__LEVEL " + w).orElse("AIGW_LOGGING__LEVEL not set (INFO)"));
        facts.add(container
                .env("AIGW_LOGGING__TO_FILE")
                .filter(v -> !v.isBlank())
                .map(f -> "logs written to " + f + " inside the container")
                .orElse("AIGW_LOGGING__TO_FILE not set: logs go to the container's output (" + instance.logsCommand()
                        + ")"));
        for (String optional :
                List.of("AIGW_LOGGING__ENABLE_REQUEST_LOGGING", "AIGW_LOGGING__ENABLE_LITELLM_LOGGING")) {
            if (isTrue(container.env(optional))) {
                facts.add(optional + "=true");
            }
        }
        if ("DEBUG".equalsIgnoreCase(level)) {
            facts.add(
                    "set AIGW_LOGGING__LEVEL back to INFO after troubleshooting: debug logs can hold prompts and code");
        }
        return facts;
    }
}
