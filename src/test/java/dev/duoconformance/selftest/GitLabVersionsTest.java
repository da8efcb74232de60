package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.junit.SectionFailed;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.selftest.SuiteRun.CheckResult;
import dev.duoconformance.simulator.fault.Fault;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each supported GitLab version's healthy deployment passes, with exactly the checks its version lacks "not checked". */
class GitLabVersionsTest {
    private static final Map<String, String> BY_VERSION = Map.of(
            "serviceUrlHasNoScheme",
                    "duoSettings.duoAgentPlatformServiceUrl exists from GitLab 18.4; this instance is ",
            "gatewayUrlIsTheExpectedOne", "duoSettings exists from GitLab 17.9; this instance is ",
            "gitlabConnectionCheckSucceeds",
                    "aiSelfHostedModelConnectionCheck exists from GitLab 17.7; this instance is ",
            "reportsTheInstanceSetting",
                    "the enabled_instance_verbose_ai_logs setting exists from GitLab 17.9; this instance is ",
            "reportsTheFeatureFlag",
                    "the expanded_ai_logging feature flag applies to GitLab before 17.9; this instance is ",
            "gitLabReachesTheAgentPlatformService",
                    "GET /api/v4/ai/duo_workflows/list_tools exists from GitLab 18.4; this instance is ",
            "chatModelsAnswerWithinTheTimeout",
                    "duoSettings.aiGatewayTimeoutSeconds exists from GitLab 18.7; this instance is ");

    @ParameterizedTest(name = "GitLab {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "17.5  | 17.5.5-ee  | serviceUrlHasNoScheme,gitLabReachesTheAgentPlatformService,gatewayUrlIsTheExpectedOne,gitlabConnectionCheckSucceeds,reportsTheInstanceSetting,chatModelsAnswerWithinTheTimeout",
                "17.8  | 17.8.7-ee  | serviceUrlHasNoScheme,gitLabReachesTheAgentPlatformService,gatewayUrlIsTheExpectedOne,reportsTheInstanceSetting,chatModelsAnswerWithinTheTimeout",
                "17.10 | 17.10.8-ee | serviceUrlHasNoScheme,gitLabReachesTheAgentPlatformService,reportsTheFeatureFlag,chatModelsAnswerWithinTheTimeout",
                "18.2  | 18.2.6-ee  | serviceUrlHasNoScheme,gitLabReachesTheAgentPlatformService,reportsTheFeatureFlag,chatModelsAnswerWithinTheTimeout",
                "18.6  | 18.6.2-ee  | reportsTheFeatureFlag,chatModelsAnswerWithinTheTimeout",
                // Either side of the Agent Platform's TLS setting and the health check's later probe families.
                "18.9  | 18.9.0-ee  | reportsTheFeatureFlag",
                "18.10 | 18.10.0-ee | reportsTheFeatureFlag"
            })
    void theHealthyDeploymentPassesWithTheVersionsGapsNotChecked(
            String version, String release, String notCheckedByVersion) {
        SuiteRun.Results results =
                SuiteRun.demo().with("demo.gitlab.version", version).run();

        Set<String> expected = Set.of(notCheckedByVersion.split(","));
        assertThat(results.failures())
                .as("failures on GitLab %s", version)
                .extracting(CheckResult::message)
                .isEmpty();
        Map<String, String> notChecked = new TreeMap<>(results.where(r -> !r.passed() && !r.outsideTheDemo()).stream()
                .filter(r -> !r.message().contains("needs the troubleshooting bypass"))
                // From 18.7 the latency check is read, and without a chat question it says so (not a gap of the
                // version).
                .filter(r -> !r.message().contains("A1000 shows only in a Duo Chat answer"))
                .collect(Collectors.toMap(HealthyDeploymentTest::method, CheckResult::message, (a, b) -> a)));
        assertThat(notChecked.keySet())
                .as("checks not checked on GitLab %s", version)
                .containsExactlyInAnyOrderElementsOf(expected);
        notChecked.forEach((method, message) ->
                assertThat(message).isEqualTo(Verdict.NOT_CHECKED + BY_VERSION.get(method) + release));
    }

    /**
     * The opt-in Duo Chat round trip on each side of 17.9, where GitLab's chat API gained threads ({@code threadId}): a
     * healthy chat passes, and each chat fault fails its own section with its own cause, on both versions.
     */
    @ParameterizedTest(name = "GitLab {0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "17.8 | healthy          | ",
                "17.8 | CHAT_A1000       | error-a1000",
                "17.8 | CHAT_MODEL_ERROR | duo-chat",
                "17.9 | healthy          | ",
                "17.9 | CHAT_A1000       | error-a1000"
            })
    void theChatRoundTripAsksForThreadsOnlyWhereGitLabHasThem(String version, String scenario, String failedSection) {
        SuiteRun run = scenario.equals("healthy")
                ? SuiteRun.demo().with("chat", "true")
                : SuiteRun.demo(Fault.valueOf(scenario));
        SuiteRun.Results results = run.with("demo.gitlab.version", version).run();

        if (failedSection == null) {
            assertThat(results.failures())
                    .as("failures on GitLab %s", version)
                    .extracting(CheckResult::message)
                    .isEmpty();
            assertThat(results.of("duo-chat"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.passed()).isTrue());
            assertThat(results.of("error-a1000")).anyMatch(CheckResult::passed);
            return;
        }
        Fault fault = Fault.valueOf(scenario);
        assertThat(results.failedSections())
                .as("sections failed on GitLab %s", version)
                .containsExactly(failedSection);
        assertThat(results.failures())
                .allSatisfy(f -> assertThat(f.throwable())
                        .isInstanceOfSatisfying(
                                SectionFailed.class,
                                e -> assertThat(e.failure().cause()).isEqualTo(fault.cause())));
    }

    /** The Chat sub-features on each side of 17.10: 17.9 offers them only behind a flag (the fault), 17.10 without one. */
    @ParameterizedTest(name = "GitLab {0}")
    @CsvSource({"17.9, chat-sub-features-flagged", "17.10, "})
    void aChatSubFeatureIsOfferedWithoutItsFlagFrom17_10(String version, String cause) {
        SuiteRun.Results results = SuiteRun.demo(Fault.CHAT_SUB_FEATURE_BEHIND_FLAG)
                .with("demo.gitlab.version", version)
                .run();

        if (cause == null) {
            assertThat(results.failures())
                    .as("failures on GitLab %s", version)
                    .extracting(CheckResult::message)
                    .isEmpty();
            assertThat(results.of("feature-not-accessible")).isNotEmpty().allMatch(CheckResult::passed);
            return;
        }
        assertThat(results.failedSections()).containsExactly("feature-not-accessible");
        assertThat(results.of("feature-not-accessible"))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.message())
                                .contains(
                                        "before 17.10 GitLab offers the Chat sub-features only behind the feature flag ai_duo_chat_sub_features_settings"));
    }

    /** The model family gemini on each side of 18.11, the release that adds it to GitLab's AiAcceptedSelfHostedModels. */
    @ParameterizedTest(name = "GitLab {0}")
    @CsvSource({"18.10, 18.10.0-ee", "18.11, "})
    void geminiIsAModelFamilyFrom18_11(String version, String lacking) {
        SuiteRun.Results results = SuiteRun.demo(Fault.MODEL_FAMILY_NOT_IN_THIS_GITLAB)
                .with("demo.gitlab.version", version)
                .run();

        List<CheckResult> connectionChecks = results.of("ai-gateway-can-request-model").stream()
                .filter(r -> r.test().startsWith("gitlabConnectionCheckSucceeds"))
                .toList();
        assertThat(results.of("instance-uses-self-hosted-models"))
                .as("GitLab stores the family")
                .isNotEmpty()
                .allMatch(CheckResult::passed);
        if (lacking == null) {
            assertThat(connectionChecks).hasSize(2).allMatch(CheckResult::passed);
            return;
        }
        assertThat(connectionChecks)
                .filteredOn(CheckResult::failed)
                .singleElement()
                .satisfies(r -> assertThat(r.message())
                        .contains("GitLab " + lacking + " has no model family gemini (it arrives in GitLab 18.11")
                        .contains("(the model families of GitLab " + lacking + ")"));
    }
}
