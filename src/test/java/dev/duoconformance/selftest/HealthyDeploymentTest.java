package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.junit.Verdict;
import dev.duoconformance.selftest.SuiteRun.CheckResult;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthyDeploymentTest {
    /** The checks the production-like demo cannot run, by test method, with words their reason holds. */
    static final Map<String, String> NOT_CHECKED_IN_PRODUCTION = Map.of(
            "gatewayGetsAnAnswerFromTheModel", "needs the troubleshooting bypass",
            "reportsTheFeatureFlag", "applies to GitLab before 17.9",
            "chatModelsAnswerWithinTheTimeout", "exists from GitLab 18.7");

    private static final String NO_RUNTIME = SuiteRun.CheckResult.NO_RUNTIME;
    private static final String OPT_IN = SuiteRun.CheckResult.OPT_IN;
    private static SuiteRun.Results results;

    @BeforeAll
    static void runEveryCheckAgainstTheHealthyDemo() {
        results = SuiteRun.demo().run();
    }

    @Test
    void everyCheckPassesOrIsNotCheckableWithItsReason() {
        assertThat(results.checks()).isNotEmpty();
        assertThat(results.where(
                        r -> !r.passed() && !NOT_CHECKED_IN_PRODUCTION.containsKey(method(r)) && !outsideTheDemo(r)))
                .as("checks that did not pass on the healthy deployment")
                .extracting(r -> r.section() + " " + r.test() + ": " + r.message())
                .isEmpty();
        assertThat(results.where(r -> NOT_CHECKED_IN_PRODUCTION.containsKey(method(r))))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.message())
                        .startsWith(Verdict.NOT_CHECKED)
                        .contains(NOT_CHECKED_IN_PRODUCTION.get(method(r))));
    }

    @Test
    void theRuntimeSectionsAreNotCheckedWithTheReason() {
        assertThat(results.where(HealthyDeploymentTest::outsideTheDemo))
                .extracting(r -> r.section() + " " + r.message())
                .contains(
                        "ai-gateway-env-vars " + NO_RUNTIME,
                        "image-platform-mismatch " + NO_RUNTIME,
                        "llm-server-in-container " + NO_RUNTIME,
                        "model-reachable-from-ai-gateway " + NO_RUNTIME,
                        "ai-gateway-can-reach-gitlab " + NO_RUNTIME,
                        "ai-gateway-tls " + NO_RUNTIME,
                        "ai-gateway-logs " + NO_RUNTIME)
                .anySatisfy(r -> assertThat(r).startsWith("debugging-scripts " + OPT_IN))
                .anySatisfy(r -> assertThat(r).startsWith("verify-gitlab-setup " + OPT_IN))
                .anySatisfy(r -> assertThat(r)
                        .startsWith("duo-chat " + OPT_IN + "this runs one GitLab Duo Chat question as the Duo user "
                                + "(aiAction chat \"duo-conformance: reply with the single word OK.\"")
                        .contains("run with -Dchat=true to allow it"));
    }

    private static boolean outsideTheDemo(CheckResult result) {
        return result.outsideTheDemo();
    }

    @Test
    void everySectionOfTheSuiteRan() {
        assertThat(results.checks())
                .extracting(CheckResult::section)
                .contains(
                        "ai-gateway-tls",
                        "ai-gateway-can-process-requests",
                        "ai-gateway-can-request-model",
                        "model-reachable-from-ai-gateway",
                        "vllm-404",
                        "bedrock-model-id",
                        "gitlab-can-request-model",
                        "user-can-request-code-suggestions",
                        "code-suggestions-access-error",
                        "instance-uses-self-hosted-models",
                        "feature-not-accessible",
                        "ai-gateway-url",
                        "agent-platform-service-url",
                        "gitlab-can-reach-ai-gateway",
                        "duo-health-check",
                        "ai-logging");
    }

    @Test
    void theAiGatewayIsCheckedThroughGitLabsConnectionCheckWhileItsAuthenticationIsOn() {
        assertThat(results.of("ai-gateway-can-request-model"))
                .filteredOn(r -> r.test().startsWith("gitlabConnectionCheckSucceeds"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.passed()).isTrue());
        assertThat(results.requests())
                .extracting(r -> r.component() + " " + r.method() + " " + r.path())
                .contains(
                        "aigw POST /v1/prompts/model_configuration%2Fcheck",
                        "aigw POST /v2/code/completions",
                        "aigw POST /v1/code/user_access_token",
                        "gitlab GET /oauth/discovery/keys",
                        "model POST /v1/completions")
                .doesNotContain("aigw POST /v1/chat/agent");
    }

    @Test
    void theChecksSendOnlyRequestsTheSimulatorsKnow() {
        assertThat(results.requests()).isNotEmpty();
        assertThat(results.requests()).filteredOn(r -> !r.known()).isEmpty();
    }

    @Test
    void theSuiteSendsOnlyWhatTheReadmePublishes() {
        assertThat(AllowList.entries()).isNotEmpty();
        assertThat(results.requests()).anyMatch(r -> r.agent().startsWith("duo-conformance/"));
        AllowList.assertPublished(results.requests());
    }

    @Test
    void eachSharedProbeIsSentOncePerRun() {
        assertThat(results.requests())
                .filteredOn(r -> r.method().equals("GET")
                        && !r.path().equals("/api/v4/user")
                        && !r.path().equals("/api/v4/personal_access_tokens/self"))
                .filteredOn(
                        r -> !r.path().startsWith("/.well-known") && !r.path().startsWith("/oauth"))
                .extracting(r -> r.component() + " " + r.method() + " " + r.path())
                .contains("model GET /v1/models", "gitlab GET /api/v4/version", "gitlab GET /api/v4/license")
                .doesNotHaveDuplicates();
        assertThat(results.requests())
                .filteredOn(r -> r.path().equals("/api/v4/user"))
                .as("one identity check per token")
                .hasSize(2);
        assertThat(results.requests())
                .filteredOn(r -> r.path().equals("/api/v4/personal_access_tokens/self"))
                .as("one scope read per token")
                .hasSize(2);
        assertThat(results.requests())
                .filteredOn(r -> r.path().equals("/api/v4/code_suggestions/direct_access"))
                .as("direct_access is rate-limited: at most once per run")
                .hasSize(1);
    }

    static String method(CheckResult result) {
        return result.test().substring(0, result.test().indexOf(' '));
    }
}
