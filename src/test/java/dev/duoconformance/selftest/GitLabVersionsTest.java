package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.junit.Verdict;
import dev.duoconformance.selftest.SuiteRun.CheckResult;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each supported GitLab version's healthy deployment passes, with exactly the checks its version lacks "not checked". */
class GitLabVersionsTest {
    private static final Map<String, String> BY_VERSION = Map.of(
            "serviceUrlHasNoScheme", "duoSettings.duoAgentPlatformServiceUrl exists from GitLab 18.4; this instance is ",
            "gatewayUrlIsTheExpectedOne", "duoSettings exists from GitLab 17.9; this instance is ",
            "gitlabConnectionCheckSucceeds", "aiSelfHostedModelConnectionCheck exists from GitLab 17.7; this instance is ",
            "reportsTheInstanceSetting", "the enabled_instance_verbose_ai_logs setting exists from GitLab 17.9; this instance is ",
            "reportsTheFeatureFlag", "the expanded_ai_logging feature flag applies to GitLab before 17.9; this instance is ",
            "gitLabReachesTheAgentPlatformService", "GET /api/v4/ai/duo_workflows/list_tools exists from GitLab 18.4; this instance is ",
            "chatModelsAnswerWithinTheTimeout", "duoSettings.aiGatewayTimeoutSeconds exists from GitLab 18.7; this instance is ");

    @ParameterizedTest(name = "GitLab {0}")
    @CsvSource(delimiter = '|', value = {
            "17.5  | 17.5.5-ee  | serviceUrlHasNoScheme,gitLabReachesTheAgentPlatformService,gatewayUrlIsTheExpectedOne,gitlabConnectionCheckSucceeds,reportsTheInstanceSetting,chatModelsAnswerWithinTheTimeout",
            "17.8  | 17.8.7-ee  | serviceUrlHasNoScheme,gitLabReachesTheAgentPlatformService,gatewayUrlIsTheExpectedOne,reportsTheInstanceSetting,chatModelsAnswerWithinTheTimeout",
            "17.10 | 17.10.8-ee | serviceUrlHasNoScheme,gitLabReachesTheAgentPlatformService,reportsTheFeatureFlag,chatModelsAnswerWithinTheTimeout",
            "18.2  | 18.2.6-ee  | serviceUrlHasNoScheme,gitLabReachesTheAgentPlatformService,reportsTheFeatureFlag,chatModelsAnswerWithinTheTimeout",
            "18.6  | 18.6.2-ee  | reportsTheFeatureFlag,chatModelsAnswerWithinTheTimeout",
            // Either side of the Agent Platform's TLS setting and the health check's later probe families.
            "18.9  | 18.9.0-ee  | reportsTheFeatureFlag",
            "18.10 | 18.10.0-ee | reportsTheFeatureFlag"})
    void theHealthyDeploymentPassesWithTheVersionsGapsNotChecked(String version, String release, String notCheckedByVersion) {
        SuiteRun.Results results = SuiteRun.demo().with("demo.gitlab.version", version).run();

        Set<String> expected = Set.of(notCheckedByVersion.split(","));
        assertThat(results.failures()).as("failures on GitLab %s", version).extracting(CheckResult::message).isEmpty();
        Map<String, String> notChecked = new TreeMap<>(results.where(r -> !r.passed() && !r.outsideTheDemo()).stream()
                .filter(r -> !r.message().contains("needs the troubleshooting bypass"))
                // From 18.7 the latency check is read, and without a chat question it says so (not a gap of the version).
                .filter(r -> !r.message().contains("A1000 shows only in a Duo Chat answer"))
                .collect(Collectors.toMap(HealthyDeploymentTest::method, CheckResult::message, (a, b) -> a)));
        assertThat(notChecked.keySet()).as("checks not checked on GitLab %s", version).containsExactlyInAnyOrderElementsOf(expected);
        notChecked.forEach((method, message) ->
                assertThat(message).isEqualTo(Verdict.NOT_CHECKED + BY_VERSION.get(method) + release));
    }
}
