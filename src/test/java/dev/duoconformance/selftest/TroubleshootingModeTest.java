package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.simulator.fault.Fault;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demo in troubleshooting mode (AIGW_AUTH__BYPASS_EXTERNAL=true, auth_bypass_expected: true): the doc's direct
 * {@code /v1/chat/agent} probe runs beside GitLab's connection check, and the AI gateway's faults still fail exactly
 * their section with the same cause through both.
 */
class TroubleshootingModeTest {
    private static final Catalogue CATALOGUE = Catalogue.load(Locale.ENGLISH);

    @Test
    void everyCheckPassesIncludingTheDirectProbe() {
        SuiteRun.Results results =
                SuiteRun.demo().with("demo.mode", "troubleshooting").run();

        assertThat(results.where(r -> !r.passed()
                        && !r.outsideTheDemo()
                        && !HealthyDeploymentTest.method(r).equals("reportsTheFeatureFlag")
                        && !HealthyDeploymentTest.method(r).equals("chatModelsAnswerWithinTheTimeout")))
                .extracting(r -> r.section() + " " + r.test() + ": " + r.message())
                .isEmpty();
        assertThat(results.of("ai-gateway-can-request-model"))
                .filteredOn(r -> r.test().startsWith("gatewayGetsAnAnswerFromTheModel"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.passed()).isTrue());
        assertThat(results.requests()).filteredOn(r -> !r.known()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Fault.class,
            names = {
                "AIGW_AUTH_BYPASSED",
                "AIGW_AUTH_ENFORCED",
                "AIGW_CUSTOM_MODELS_DISABLED",
                "AIGW_CANNOT_REACH_MODEL",
                "MODEL_FAMILY_UNKNOWN",
                "MODEL_DOWN",
                "AIGW_DOWN"
            })
    void gatewayFaultsFailExactlyTheirSection(Fault fault) {
        SuiteRun.Results results =
                SuiteRun.demo(fault).with("demo.mode", "troubleshooting").run();

        assertThat(results.failedSections()).containsExactly(fault.breaks());
        String firstStep =
                CATALOGUE.section(fault.breaks()).stepsFor(fault.cause()).get(0);
        assertThat(results.failures())
                .allSatisfy(f -> assertThat(f.message())
                        .startsWith("[" + fault.breaks() + "] ")
                        .containsPattern(Steps.shown("1. " + firstStep)));
    }
}
