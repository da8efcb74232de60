package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.selftest.SuiteRun.CheckResult;
import dev.duoconformance.simulator.fault.Fault;
import dev.duoconformance.standin.DemoRuntime;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * {@code -Ddemo.runtime=docker}: the demo with a stand-in AI gateway container runs every runtime section, all passing
 * when healthy, and each fault of the container fails exactly its section with the documented remediation.
 */
@ExtendWith(MachineRequirements.DockerEngine.class)
class DemoRuntimeDockerTest {
    private static final Catalogue CATALOGUE = Catalogue.load(Locale.ENGLISH);
    private static final Set<String> RUNTIME_SECTIONS = Set.of(
            "ai-gateway-env-vars",
            "image-platform-mismatch",
            "llm-server-in-container",
            "model-reachable-from-ai-gateway",
            "ai-gateway-can-reach-gitlab",
            "ai-gateway-tls",
            "ai-gateway-logs");
    /** Sections that must report "blocked by <upstream>" for a fault, as section → upstream. */
    private static final Map<Fault, Map<String, String>> BLOCKED =
            Map.of(Fault.CONTAINER_GITLAB_URL_WRONG, Map.of("ai-gateway-can-reach-gitlab", "ai-gateway-env-vars"));

    @Test
    void aHealthyContainerPassesEveryRuntimeSection() {
        SuiteRun.Results results =
                SuiteRun.demo().with("demo.runtime", DemoRuntime.DOCKER).run();

        assertThat(results.checks()).extracting(CheckResult::section).containsAll(RUNTIME_SECTIONS);
        assertThat(results.where(r -> RUNTIME_SECTIONS.contains(r.section()) && !r.passed()))
                .as("runtime checks that did not pass against the healthy demo container")
                .extracting(r -> r.section() + " " + r.test() + ": " + r.message())
                .isEmpty();
        assertThat(results.failures()).isEmpty();
    }

    static Stream<Fault> faultsOfTheContainer() {
        return Fault.IN_CONTAINER.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultsOfTheContainer")
    void theFaultFailsExactlyItsSectionWithTheDocumentedRemediation(Fault fault) {
        SuiteRun.Results results =
                SuiteRun.demo(fault).with("demo.runtime", DemoRuntime.DOCKER).run();

        assertThat(results.failedSections()).as("sections failed by %s", fault).containsExactly(fault.breaks());
        String firstStep =
                CATALOGUE.section(fault.breaks()).stepsFor(fault.cause()).get(0);
        assertThat(results.failures()).allSatisfy(failure -> {
            assertThat(failure.throwable()).isInstanceOf(AssertionFailedError.class);
            assertThat(failure.message()).startsWith("[" + fault.breaks() + "] ");
        });
        assertThat(results.failures())
                .as("a failure carrying the remediation of cause %s", fault.cause())
                .anySatisfy(failure -> assertThat(failure.message())
                        .containsPattern(Steps.shown("Try fixing it:\n  1. " + firstStep)));
        BLOCKED.getOrDefault(fault, Map.of())
                .forEach((section, upstream) -> assertThat(results.of(section))
                        .as("%s under %s", section, fault)
                        .anySatisfy(r -> assertThat(r.message()).startsWith(Verdict.BLOCKED_BY + upstream)));
        DeclaredUpstream.assertEveryBlockIsDeclared(results);
    }
}
