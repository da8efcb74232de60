package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.junit.SectionFailed;
import dev.duoconformance.selftest.SuiteRun.CheckResult;
import dev.duoconformance.simulator.fault.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Agent Platform's TLS on both sides of GitLab 18.10 (the variable up to 18.9, the admin setting from 18.10, which
 * list_tools does not follow), the health check's probe families of later releases, and the runner's vantage on the
 * model, which is not the AI gateway's.
 */
@Execution(ExecutionMode.CONCURRENT)
class AgentPlatformAndVantageTest {

    private static String causeOf(CheckResult failure) {
        return ((SectionFailed) failure.throwable()).failure().cause();
    }

    @ParameterizedTest(name = "GitLab {0}")
    @ValueSource(strings = {"18.9", "18.10"})
    void theHealthyAgentPlatformPassesOnBothSidesOfTheTlsSetting(String version) {
        SuiteRun.Results results =
                SuiteRun.demo().with("demo.gitlab.version", version).run();

        assertThat(results.failures()).extracting(CheckResult::message).isEmpty();
        assertThat(results.of("agent-platform-auth-token")).isNotEmpty().allMatch(CheckResult::passed);
        assertThat(results.of("duo-health-check")).isNotEmpty().allMatch(CheckResult::passed);
    }

    @ParameterizedTest(name = "GitLab {0}")
    @ValueSource(strings = {"18.9", "18.10"})
    void aServiceWithoutTlsNamesTheFixOfItsVersion(String version) {
        SuiteRun.Results results = SuiteRun.demo(Fault.AGENT_PLATFORM_SECURE_WITHOUT_TLS)
                .with("demo.gitlab.version", version)
                .run();

        boolean setting = version.equals("18.10");
        assertThat(results.failedSections()).containsExactly("agent-platform-auth-token");
        assertThat(results.failures()).allSatisfy(f -> {
            assertThat(causeOf(f)).isEqualTo(setting ? "secure-without-tls-setting" : "secure-without-tls");
            assertThat(f.message())
                    .contains(
                            setting
                                    ? "Use TLS for the GitLab Duo Agent Platform service"
                                    : "'DUO_AGENT_PLATFORM_SERVICE_SECURE' => false");
        });
    }

    @Test
    void onGitLab1810TheCheckboxOffWorksAndListToolsDisagreementIsSaid() {
        SuiteRun.Results results =
                SuiteRun.demo(Fault.AGENT_PLATFORM_TLS_OFF_BY_SETTING).run();

        assertThat(results.failures()).extracting(CheckResult::message).isEmpty();
        assertThat(results.of("agent-platform-auth-token")).isNotEmpty().allMatch(CheckResult::passed);
        assertThat(results.notesOf("agent-platform-auth-token"))
                .anySatisfy(note -> assertThat(note)
                        .contains("list_tools still follows DUO_AGENT_PLATFORM_SERVICE_SECURE")
                        .contains("(off)"));
    }

    @Test
    void onGitLab189TheSameServiceWithTheVariableUnsetFails() {
        // The 18.10 setup (checkbox off, variable unset) has no checkbox on 18.9: GitLab speaks TLS to the service.
        SuiteRun.Results results = SuiteRun.demo(Fault.AGENT_PLATFORM_TLS_OFF_BY_SETTING)
                .with("demo.gitlab.version", "18.9")
                .run();

        assertThat(results.failedSections()).containsExactly("agent-platform-auth-token");
        assertThat(results.failures()).allSatisfy(f -> assertThat(causeOf(f)).isEqualTo("secure-without-tls"));
    }

    @Test
    void splitBackendsWithTlsOnTheSelfHostedServicePass() {
        SuiteRun.Results results = SuiteRun.demo(Fault.AGENT_PLATFORM_SPLIT_WITH_TLS)
                .with("demo.gitlab.version", "18.9")
                .run();

        assertThat(results.failures()).extracting(CheckResult::message).isEmpty();
        assertThat(results.notesOf("agent-platform-auth-token"))
                .anySatisfy(note -> assertThat(note).contains("speaks TLS"));
    }

    @Test
    void splitBackendsWithoutTlsAreTheKnownIssueUpTo189AndNotOn1810() {
        SuiteRun.Results old = SuiteRun.demo(Fault.AGENT_PLATFORM_SPLIT_WITHOUT_TLS)
                .with("demo.gitlab.version", "18.9")
                .run();
        assertThat(old.failedSections()).containsExactly("agent-platform-auth-token");
        assertThat(old.failures())
                .allSatisfy(f -> assertThat(f.message())
                        .contains("issues/590454")
                        .contains("Unsupported or unrecognized SSL message"));

        // 18.10: the self-hosted channel follows the checkbox (copied from the variable: off); GitLab's own service
        // still
        // follows the variable, so with the variable left false the cloud-connected probe fails, naming the variable.
        SuiteRun.Results newer = SuiteRun.demo(Fault.AGENT_PLATFORM_SPLIT_WITHOUT_TLS)
                .with("demo.gitlab.version", "18.10")
                .run();
        assertThat(newer.of("agent-platform-auth-token")).isNotEmpty().allMatch(CheckResult::passed);
        assertThat(newer.failedSections()).containsExactly("duo-health-check");
        assertThat(newer.failures()).allSatisfy(f -> {
            assertThat(causeOf(f)).isEqualTo("cloud-agent-platform-unreachable");
            assertThat(f.message())
                    .contains("The cloud-connected GitLab Duo Agent Platform service")
                    .contains("DUO_AGENT_PLATFORM_SERVICE_SECURE");
        });
    }

    @ParameterizedTest(name = "GitLab {0}")
    @ValueSource(strings = {"18.9", "18.10"})
    void gitLabsOwnAgentPlatformServiceBlockedIsItsOwnCauseInEitherProbeFormat(String version) {
        SuiteRun.Results results = SuiteRun.demo(Fault.AGENT_PLATFORM_CLOUD_BLOCKED)
                .with("demo.gitlab.version", version)
                .run();

        assertThat(results.failedSections()).containsExactly("duo-health-check");
        assertThat(results.failures())
                .allSatisfy(f -> assertThat(causeOf(f)).isEqualTo("cloud-agent-platform-unreachable"));
        assertThat(results.of("agent-platform-auth-token")).isNotEmpty().allMatch(CheckResult::passed);
    }

    @Test
    void flowsTurnedOffAreInformational() {
        SuiteRun.Results results = SuiteRun.demo(Fault.HEALTH_CHECK_FLOWS_OFF).run();

        assertThat(results.failures()).extracting(CheckResult::message).isEmpty();
        assertThat(results.of("duo-health-check")).isNotEmpty().allMatch(CheckResult::passed);
        assertThat(results.notesOf("duo-health-check"))
                .anySatisfy(note -> assertThat(note)
                        .startsWith("informational")
                        .contains("allow_flow_execution_probe ✗")
                        .contains("compatible_runner_probe ✗")
                        .contains("a choice"));
    }

    @Test
    void theModelUnreachableFromThisRunnerOnlyIsReachableFromTheGateway() {
        SuiteRun.Results results =
                SuiteRun.demo(Fault.MODEL_UNREACHABLE_FROM_RUNNER).run();

        assertThat(results.failures()).extracting(CheckResult::message).isEmpty();
        assertThat(results.of("ai-gateway-can-request-model"))
                .filteredOn(r -> r.test().startsWith("gitlabConnectionCheckSucceeds"))
                .isNotEmpty()
                .allMatch(CheckResult::passed);
        assertThat(results.notesOf("model-reachable-from-ai-gateway"))
                .anySatisfy(note -> assertThat(note)
                        .startsWith("reachable from the AI gateway, not from this runner")
                        .contains("Successfully connected to the self-hosted model"));
    }

    @Test
    void theModelUnreachableFromBothStillFails() {
        SuiteRun.Results results = SuiteRun.demo(Fault.MODEL_DOWN).run();

        assertThat(results.failedSections()).containsExactly("model-reachable-from-ai-gateway");
        assertThat(results.failures()).allSatisfy(f -> {
            assertThat(causeOf(f)).isEqualTo("unreachable");
            assertThat(f.message()).doesNotContain("reachable from the AI gateway");
        });
    }
}
