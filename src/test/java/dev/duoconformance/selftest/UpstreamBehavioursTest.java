package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.junit.Verdict;
import dev.duoconformance.selftest.SuiteRun.CheckResult;
import dev.duoconformance.simulator.fault.Fault;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Where the real GitLab, AI gateway and model servers differ from a first reading of the doc: the simulators behave as
 * upstream does (each behaviour cites its upstream file), and the suite neither fails a healthy instance nor passes a
 * broken one there.
 */
@Execution(ExecutionMode.CONCURRENT)
class UpstreamBehavioursTest {
    @TempDir
    Path environments;

    private static void nothingFailedOrBroke(SuiteRun.Results results) {
        assertThat(results.failures()).extracting(CheckResult::message).isEmpty();
        assertThat(results.checks())
                .noneMatch(r -> r.throwable() != null
                        && !(r.throwable() instanceof org.opentest4j.AssertionFailedError)
                        && !(r.throwable() instanceof org.opentest4j.TestAbortedException));
    }

    @Test
    void aGitLabBlockWithoutTokensLeavesEveryGitLabSectionNotCheckedNamingTheKey() {
        SuiteRun.Results results = SuiteRun.demoVariant(
                        environments, "no-tokens", demo -> demo.replaceAll("\n  (admin|user)_token: .*", ""))
                .run();

        nothingFailedOrBroke(results);
        // Without a token, gitlab-reachable asks GET /api/v4/version without one: GitLab's API answers 401 with JSON.
        assertThat(results.of("gitlab-reachable"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
        assertThat(results.requests())
                .anySatisfy(request -> assertThat(request.path()).isEqualTo("/api/v4/version"));
        assertThat(results.where(r -> r.message().contains("IllegalStateException")
                        || r.message().contains("should have been skipped")))
                .isEmpty();
        assertThat(results.of("instance-uses-self-hosted-models"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.message())
                        .startsWith(Verdict.NOT_CHECKED + "gitlab.admin_token is not set in ")
                        .contains("no-tokens.yaml; this check needs"));
        assertThat(results.of("gitlab-can-request-model"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.message())
                        .startsWith(Verdict.NOT_CHECKED + "gitlab.user_token is not set in ")
                        .contains("no-tokens.yaml; this check needs"));
    }

    @Test
    void indirectConnectionsAreSupportedAndTheRouteIsProvedByACompletion() {
        SuiteRun.Results results =
                SuiteRun.demo(Fault.GITLAB_INDIRECT_CONNECTIONS).run();

        nothingFailedOrBroke(results);
        assertThat(results.of("gitlab-can-reach-ai-gateway")).isNotEmpty().allMatch(CheckResult::passed);
        assertThat(results.notesOf("gitlab-can-reach-ai-gateway"))
                .anySatisfy(note -> assertThat(note)
                        .contains("direct connections are disabled on this instance (indirect connections chosen)")
                        .contains("proved by a Code Suggestions completion through GitLab"));
        assertThat(results.of("ai-logging"))
                .anySatisfy(r -> assertThat(r.message()).contains("direct connections are disabled"));
    }

    @Test
    void withIndirectConnectionsAnUnreachableGatewayStillFailsItsSection() {
        SuiteRun.Results results = SuiteRun.demo(Fault.GITLAB_INDIRECT_CONNECTIONS, Fault.GITLAB_CANNOT_REACH_AIGW)
                .run();

        assertThat(results.failedSections()).containsExactly("gitlab-can-reach-ai-gateway");
        assertThat(results.of("gitlab-can-reach-ai-gateway"))
                .filteredOn(CheckResult::failed)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.message()).contains("host_probe"));
    }

    @Test
    void directAccessRateLimitIsFiftyPerMinute() {
        SuiteRun.Results results =
                SuiteRun.demo(Fault.DIRECT_ACCESS_RATE_LIMITED).run();

        nothingFailedOrBroke(results);
        assertThat(results.of("gitlab-can-reach-ai-gateway"))
                .anySatisfy(r -> assertThat(r.message())
                        .startsWith(Verdict.NOT_CHECKED)
                        .contains("rate limited, retry after 60 s")
                        .contains("allows 50 requests per minute per user"));
    }

    @Test
    void gitLabsOwnRateLimitOnCompletionsIsNotReadAsNoAccess() {
        SuiteRun.Results results =
                SuiteRun.demo(Fault.GITLAB_COMPLETIONS_RATE_LIMITED).run();

        nothingFailedOrBroke(results);
        assertThat(results.of("gitlab-can-request-model"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.message())
                        .startsWith(Verdict.NOT_CHECKED)
                        .contains(
                                "rate limited by GitLab itself (HTTP 429 with X-GitLab-Error-Origin: monolith), retry after 60 s")
                        .contains("60 requests per minute per user by default"));
    }

    @Test
    void adminModeWithoutTheScopeIsToldByAnAdminOnlyReadNotByIsAdmin() {
        SuiteRun.Results results =
                SuiteRun.demo(Fault.GITLAB_ADMIN_MODE_REQUIRED).run();

        nothingFailedOrBroke(results);
        assertThat(results.of("instance-uses-self-hosted-models"))
                .isNotEmpty()
                .allSatisfy(
                        r -> assertThat(r.message())
                                .startsWith(
                                        Verdict.NOT_CHECKED
                                                + "Admin Mode is on and gitlab.admin_token lacks the admin_mode scope (scopes: [api, read_api])")
                                .contains(
                                        "GET /api/v4/license with 403 Forbidden although GET /api/v4/user shows is_admin: true"));
    }

    @Test
    void theGatewaysProbeIsFoundAmongAHybridSetupsCloudProbes() {
        SuiteRun.Results results = SuiteRun.demo(Fault.GITLAB_HYBRID).run();

        nothingFailedOrBroke(results);
        assertThat(results.of("gitlab-can-reach-ai-gateway")).isNotEmpty().allMatch(CheckResult::passed);
        assertThat(results.of("duo-health-check")).isNotEmpty().allMatch(CheckResult::passed);
    }

    @Test
    void aHybridSetupsUnreachableCloudIsTheHealthChecksFailureNotTheGateways() {
        SuiteRun.Results results = SuiteRun.demo(Fault.GITLAB_HYBRID_OFFLINE).run();

        assertThat(results.failedSections()).containsExactly("duo-health-check");
        assertThat(results.of("duo-health-check"))
                .filteredOn(CheckResult::failed)
                .singleElement()
                .satisfies(r -> assertThat(r.message())
                        .contains("host_probe ✗ \"cloud.gitlab.com connection failed")
                        .contains("a feature uses a GitLab AI vendor model (hybrid)")
                        .doesNotContain("reachable.\""));
        assertThat(results.of("gitlab-can-reach-ai-gateway")).isNotEmpty().allMatch(CheckResult::passed);
    }

    @Test
    void aHealthCheckThatRanNoProbeOfTheGatewayDoesNotPassTheGatewaysReach() {
        SuiteRun.Results results =
                SuiteRun.demo(Fault.GITLAB_HEALTH_CHECK_NO_GATEWAY_PROBE).run();

        nothingFailedOrBroke(results);
        assertThat(results.of("gitlab-can-reach-ai-gateway"))
                .anySatisfy(r -> assertThat(r.message())
                        .startsWith(Verdict.NOT_CHECKED
                                + "GitLab's health check ran no probe of the AI gateway's host 127.0.0.1"));
    }

    @Test
    void anAdministratorWithoutSeatIsToldApartFromABrokenDeployment() {
        SuiteRun.Results results =
                SuiteRun.demo(Fault.GITLAB_ADMIN_WITHOUT_SEAT).run();

        nothingFailedOrBroke(results);
        assertThat(results.of("duo-health-check"))
                .singleElement()
                .satisfies(r -> assertThat(r.message())
                        .startsWith(
                                Verdict.NOT_CHECKED
                                        + "the health check's license probe judges the user who runs it — the administrator 'root'")
                        .contains("checked by user-can-request-code-suggestions"));
        assertThat(results.of("user-can-request-code-suggestions")).isNotEmpty().allMatch(CheckResult::passed);
    }

    @Test
    void anAgentPlatformServiceWithoutTlsFailsItsSectionAndBlocksTheHealthCheck() {
        SuiteRun.Results results =
                SuiteRun.demo(Fault.AGENT_PLATFORM_SECURE_WITHOUT_TLS).run();

        assertThat(results.failedSections()).containsExactly("agent-platform-auth-token");
        assertThat(results.of("agent-platform-auth-token"))
                .singleElement()
                .satisfies(r -> assertThat(r.message())
                        .contains("WRONG_VERSION_NUMBER")
                        .contains("GitLab speaks TLS (DUO_AGENT_PLATFORM_SERVICE_SECURE unset = true)"));
        assertThat(results.of("duo-health-check"))
                .singleElement()
                .satisfies(r -> assertThat(r.message()).startsWith(Verdict.BLOCKED_BY + "agent-platform-auth-token"));
    }

    @Test
    void aStoredModelFamilyOtherThanTheFilesFailsNamingTheStoredValue() {
        SuiteRun.Results results =
                SuiteRun.demo(Fault.GITLAB_MODEL_FAMILY_DIFFERS).run();

        assertThat(results.failedSections()).containsExactly("instance-uses-self-hosted-models");
        assertThat(results.failures())
                .allSatisfy(r -> assertThat(r.message())
                        .contains("Expected: 'mistral-7b' with model family mistral (models[].family)")
                        .contains("But was:  'mistral-7b' stored with model family codegemma"));
    }

    @Test
    void aStoredModelWithoutTheKeyTheServerNeedsFailsAndBlocksTheCompletion() {
        SuiteRun.Results results =
                SuiteRun.demo(Fault.GITLAB_MODEL_API_KEY_MISSING).run();

        assertThat(results.failedSections()).containsExactly("instance-uses-self-hosted-models");
        assertThat(results.of("gitlab-can-request-model"))
                .isNotEmpty()
                .allSatisfy(r ->
                        assertThat(r.message()).startsWith(Verdict.BLOCKED_BY + "instance-uses-self-hosted-models"));
    }

    @Test
    void aModelSlowerThanGitLabsThreeSecondCheckIsSaidWithItsMeasuredLatency() {
        SuiteRun.Results results = SuiteRun.demo(Fault.MODEL_SLOW).run();

        assertThat(results.failedSections()).containsExactly("ai-gateway-can-request-model");
        assertThat(results.failures())
                .allSatisfy(
                        r -> assertThat(r.message())
                                .contains("Net::ReadTimeout")
                                .containsPattern(
                                        "the model answers this runner in \\d+\\.\\d s, and GitLab's connection check waits 3 s"));
        assertThat(results.of("gitlab-can-request-model")).isNotEmpty().allMatch(CheckResult::passed);
    }

    @Test
    void aReasoningModelThatSpentItsTokensOnReasoningAnswers() {
        SuiteRun.Results results = SuiteRun.demo(Fault.MODEL_REASONING).run();

        nothingFailedOrBroke(results);
        assertThat(results.notesOf("model-reachable-from-ai-gateway"))
                .anySatisfy(note -> assertThat(note)
                        .contains("the model answered with reasoning only (finish_reason: length at max_tokens 16)"));
    }

    @Test
    void anHtmlPageWhereTheGatewayShouldBeFailsOneSectionAndBlocksTheRest() {
        SuiteRun.Results results = SuiteRun.demo(Fault.AIGW_HTML_PAGE).run();

        assertThat(results.failedSections()).containsExactly("ai-gateway-can-process-requests");
        for (String section : List.of("gitlab-can-request-model", "gitlab-can-reach-ai-gateway", "duo-health-check")) {
            assertThat(results.of(section))
                    .as(section)
                    .isNotEmpty()
                    .allSatisfy(r ->
                            assertThat(r.message()).startsWith(Verdict.BLOCKED_BY + "ai-gateway-can-process-requests"));
        }
    }

    @Test
    void onlyCodeSuggestionsFeaturesAreCheckedAsVerifiedByTheConfiguration() {
        SuiteRun.Results results = SuiteRun.demoVariant(
                        environments, "code-suggestions-only", demo -> demo.replace("    features: [duo_chat]\n", ""))
                .run();

        nothingFailedOrBroke(results);
        assertThat(results.of("feature-not-accessible")).isNotEmpty().allMatch(CheckResult::passed);
        assertThat(results.notesOf("feature-not-accessible"))
                .anySatisfy(note -> assertThat(note)
                        .contains("code_completions, code_generations: verified by instance-uses-self-hosted-models"));
    }

    @Test
    void anAzureModelWhoseGatewayCallSucceedsIsNotHeldToVllmsRules() {
        SuiteRun.Results results = SuiteRun.demo(Fault.MODEL_AZURE).run();

        nothingFailedOrBroke(results);
        assertThat(results.of("vllm-404"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.message())
                        .startsWith(Verdict.NOT_CHECKED)
                        .contains(
                                "model 'gpt-4o' is served by Azure OpenAI (platform azure, from the identifier azure/gpt-4o)")
                        .endsWith("vLLM 404 applies to vLLM"));
        assertThat(results.of("gitlab-can-request-model")).isNotEmpty().allMatch(CheckResult::passed);
        assertThat(results.of("ai-gateway-can-request-model")).anyMatch(CheckResult::passed);
    }

    @Test
    void bedrockIdentifiersWithoutRegionPrefixThatBedrockServesOnDemandAndArnsAreValid() {
        for (Fault fault : List.of(Fault.BEDROCK_ON_DEMAND_ID, Fault.BEDROCK_ARN)) {
            SuiteRun.Results results = SuiteRun.demo(fault).run();

            nothingFailedOrBroke(results);
            assertThat(results.of("bedrock-model-id"))
                    .as("%s", fault)
                    .isNotEmpty()
                    .allMatch(CheckResult::passed);
        }
    }

    @Test
    void theOptInChatQuestionIsAnsweredAndTheTimeoutIsNotChecked() {
        SuiteRun.Results results = SuiteRun.demo()
                .with("chat", "true")
                .with("demo.gitlab.version", "18.9")
                .run();

        nothingFailedOrBroke(results);
        assertThat(results.of("duo-chat"))
                .singleElement()
                .satisfies(r -> assertThat(r.passed()).isTrue());
        assertThat(results.notesOf("duo-chat"))
                .anySatisfy(note -> assertThat(note).startsWith("GitLab Duo Chat answered: \"Hello from Bedrock."));
        assertThat(results.of("error-a1000"))
                .anyMatch(CheckResult::passed)
                .anySatisfy(r -> assertThat(r.message())
                        .isEqualTo(Verdict.NOT_CHECKED
                                + "A1000 shows only in a Duo Chat answer; GitLab waits 60 s for the AI gateway. "
                                + "Run with -Dchat=true to send one Duo Chat question."));
    }

    @Test
    void aChatAnswerWithA1000FailsErrorA1000AndBlocksDuoChat() {
        SuiteRun.Results results = SuiteRun.demo(Fault.CHAT_A1000)
                .with("demo.gitlab.version", "18.9")
                .run();

        assertThat(results.failedSections()).containsExactly("error-a1000");
        assertThat(results.of("error-a1000"))
                .filteredOn(CheckResult::failed)
                .singleElement()
                .satisfies(r -> assertThat(r.message())
                        .contains("(duoSettings.aiGatewayTimeoutSeconds = 60 s)")
                        .contains("I'm sorry, I couldn't respond in time. Please try again. " + "Error code: [A1000]"));
        assertThat(results.of("duo-chat"))
                .singleElement()
                .satisfies(r -> assertThat(r.message()).startsWith(Verdict.BLOCKED_BY + "error-a1000"));
    }

    @Test
    void aChatAnswerWithAnotherErrorCodeFailsDuoChat() {
        SuiteRun.Results results = SuiteRun.demo(Fault.CHAT_MODEL_ERROR).run();

        assertThat(results.failedSections()).containsExactly("duo-chat");
        assertThat(results.of("duo-chat"))
                .singleElement()
                .satisfies(r -> assertThat(r.message()).contains("error code A9999"));
    }
}
