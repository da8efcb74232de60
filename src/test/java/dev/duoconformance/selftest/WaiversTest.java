package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duoconformance.config.ConfigurationException;
import dev.duoconformance.config.EnvironmentLoader;
import dev.duoconformance.config.RunPaths;
import dev.duoconformance.config.SimulatedDeployment;
import dev.duoconformance.simulator.fault.Fault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

/** Waivers in the environment file: valid ones turn a failure into "waived", expired ones don't, unknown sections are refused. */
class WaiversTest {
    @TempDir
    Path environments;

    private SuiteRun.Results run(String waivers, Fault fault) {
        return SuiteRun.demoVariant(environments, "waived", demo -> demo + "\nwaivers:\n" + waivers, fault)
                .run();
    }

    @Test
    void aValidWaiverReportsTheFailureAsWaivedWithItsJustification() throws IOException {
        SuiteRun.Results results = run("""
                  - section: vllm-404
                    justification: the model server moves to /v1 in the next maintenance window (CHG-1234)
                    expires: %s
                """.formatted(LocalDate.now().plusDays(30)), Fault.MODEL_ENDPOINT_WITHOUT_V1);

        assertThat(results.failures()).isEmpty();
        assertThat(results.of("vllm-404")).anySatisfy(r -> {
            assertThat(r.status()).isEqualTo(TestExecutionResult.Status.ABORTED);
            assertThat(r.message())
                    .startsWith("waived until " + LocalDate.now().plusDays(30) + ": the model server moves to /v1")
                    .contains("[vllm-404]");
        });
        JsonNode summary = new ObjectMapper()
                .readTree(
                        results.outputDirectory().resolve(RunPaths.SUMMARY_FILE).toFile());
        assertThat(summary.path("totals").path("waived").asInt()).isEqualTo(1);
        assertThat(summary.path("sections").findValues("id"))
                .extracting(JsonNode::asText)
                .contains("vllm-404");
    }

    @Test
    void anExpiredWaiverLeavesTheFailureFailedAndSaysSo() {
        SuiteRun.Results results = run("""
                  - section: vllm-404
                    justification: temporary
                    expires: %s
                """.formatted(LocalDate.now().minusDays(1)), Fault.MODEL_ENDPOINT_WITHOUT_V1);

        assertThat(results.failedSections()).containsExactly("vllm-404");
        assertThat(results.failures())
                .allSatisfy(f -> assertThat(f.message())
                        .startsWith("[vllm-404]")
                        .contains("A waiver for vllm-404 expired on "
                                + LocalDate.now().minusDays(1)));
    }

    @Test
    void aWaiverForAnUnknownSectionIsAConfigurationError() {
        SuiteRun.demoVariant(environments, "waived", demo -> demo + "\nwaivers:\n" + """
                  - section: vllm-40
                    justification: typo
                    expires: 2099-01-01
                """);
        assertThatThrownBy(() -> new EnvironmentLoader(environments, k -> null)
                        .load("waived", SimulatedDeployment.Settings.none()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("waivers[0].section 'vllm-40' is not a troubleshooting section")
                .hasMessageContaining("Did you mean 'vllm-404'?");
    }
}
