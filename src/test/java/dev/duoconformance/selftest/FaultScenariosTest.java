package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.junit.SectionFailed;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.selftest.SuiteRun.CheckResult;
import dev.duoconformance.simulator.fault.Fault;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each documented fault fails exactly its section, with the documented remediation, and only blocks what lies downstream. */
@Execution(ExecutionMode.CONCURRENT)
class FaultScenariosTest {
    private static final Catalogue CATALOGUE = Catalogue.load(Locale.ENGLISH);

    /** For the faults of the suite's own access, which fail nothing: sections → words their "not checked" reason holds. */
    private static final Map<Fault, Map<String, String>> NOT_CHECKED = Map.of(
            Fault.GITLAB_TOKEN_NOT_ADMIN,
                    Map.of(
                            "instance-uses-self-hosted-models",
                            "does not act as an administrator",
                            "ai-gateway-url",
                            "does not act as an administrator",
                            "duo-health-check",
                            "does not act as an administrator"),
            Fault.GITLAB_ADMIN_MODE_REQUIRED,
                    Map.of(
                            "instance-uses-self-hosted-models",
                            "admin_mode scope",
                            "user-can-request-code-suggestions",
                            "admin_mode scope"),
            Fault.DIRECT_ACCESS_RATE_LIMITED, Map.of("gitlab-can-reach-ai-gateway", "rate limited, retry after 60 s"),
            Fault.GITLAB_ADMIN_TOKEN_WITHOUT_API,
                    Map.of(
                            "ai-gateway-can-request-model",
                            "gitlab.admin_token lacks the `api` scope "
                                    + "(scopes: [read_api, admin_mode]), which GitLab requires for every GraphQL mutation"));

    /** Every fault of the demo without a container (the container's faults: DemoRuntimeDockerTest). */
    static Stream<Fault> faultsOfTheDemo() {
        return Arrays.stream(Fault.values()).filter(f -> !Fault.IN_CONTAINER.contains(f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultsOfTheDemo")
    void theFaultFailsExactlyItsSectionWithTheDocumentedRemediation(Fault fault) {
        SuiteRun.Results results = SuiteRun.demo(fault).run();

        if (fault.breaks() == null) {
            assertThat(results.failures()).as("failures under %s", fault).isEmpty();
            NOT_CHECKED
                    .getOrDefault(fault, Map.of())
                    .forEach((section, reason) -> assertThat(results.of(section))
                            .as("%s under %s", section, fault)
                            .anySatisfy(r -> assertThat(r.message())
                                    .startsWith(Verdict.NOT_CHECKED)
                                    .contains(reason)));
            assertOnlyPublishedRequests(fault, results);
            return;
        }
        assertThat(results.failedSections()).as("sections failed by %s", fault).containsExactly(fault.breaks());
        String firstStep =
                CATALOGUE.section(fault.breaks()).stepsFor(fault.cause()).get(0);
        for (CheckResult failure : results.failures()) {
            assertThat(failure.throwable())
                    .as("a failure is the section's documented failure, never a raw exception")
                    .isInstanceOfSatisfying(
                            SectionFailed.class,
                            f -> assertThat(f.failure().cause()).isEqualTo(fault.cause()));
            assertThat(failure.message())
                    .startsWith("[" + fault.breaks() + "] ")
                    .containsPattern(Steps.shown("Try fixing it:\n  1. " + firstStep))
                    .contains("For more information see: "
                            + CATALOGUE.section(fault.breaks()).docUrl());
        }
        // One root cause: whatever is blocked is blocked by the failed section, which it declares upstream.
        for (CheckResult result : results.checks()) {
            result.blockedBy().ifPresent(upstream -> {
                assertThat(upstream)
                        .as("what blocks %s under %s", result.section(), fault)
                        .isEqualTo(fault.breaks());
                assertThat(result.message()).startsWith(Verdict.BLOCKED_BY + upstream);
                assertThat(DeclaredUpstream.of(result.section()))
                        .as("sections declared upstream of %s", result.section())
                        .contains(upstream);
            });
        }
        assertOnlyPublishedRequests(fault, results);
    }

    private static void assertOnlyPublishedRequests(Fault fault, SuiteRun.Results results) {
        AllowList.assertPublished(results.requests());
        if (fault != Fault.MODEL_ENDPOINT_WITHOUT_V1 && fault != Fault.AIGW_LOGIN_REDIRECT) {
            assertThat(results.requests())
                    .as("requests the simulators don't know")
                    .filteredOn(r -> !r.known())
                    .isEmpty();
        }
    }

    /** The fix commands name this deployment where the environment file knows the value; other placeholders stay. */
    @Test
    void fixCommandsNameTheDeploymentWhereTheEnvironmentKnowsIt() {
        assertThat(SuiteRun.demo(Fault.MODEL_ENDPOINT_WITHOUT_V1).run().failures())
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.message())
                        .doesNotContain("{endpoint}")
                        .containsPattern("  Expected: http://127\\.0\\.0\\.1:\\d+/v1\n")
                        .containsPattern("to end with `/v1`: `http://127\\.0\\.0\\.1:\\d+/v1`\\.")
                        .containsPattern("`curl http://127\\.0\\.0\\.1:\\d+/v1/models`"));
        assertThat(SuiteRun.demo(Fault.GITLAB_DOWN).run().failures())
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.message())
                        .doesNotContain("{gitlab-url}")
                        .doesNotContain("{environment-file}")
                        .contains("`gitlab.url` in environments/demo.yaml")
                        .containsPattern("`curl -sS http://127\\.0\\.0\\.1:\\d+/api/v4/version`"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Fault.class,
            names = {"MODEL_DOWN", "AIGW_UNTRUSTED_CERTIFICATE"})
    void remediationsAreInKoreanWithLangKo(Fault fault) {
        SuiteRun.Results results = SuiteRun.demo(fault).with("lang", "ko").run();

        Catalogue korean = Catalogue.load(Locale.KOREAN);
        String firstStep =
                korean.section(fault.breaks()).stepsFor(fault.cause()).get(0);
        List<CheckResult> failures = results.failures();
        assertThat(failures)
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.message())
                        .startsWith("[" + fault.breaks() + "] "
                                + korean.section(fault.breaks()).statement())
                        .containsPattern(Steps.shown(korean.labels().tryFixingIt() + ":\n  1. " + firstStep)));
    }
}
