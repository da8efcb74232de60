package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.junit.Verdict;
import dev.duoconformance.simulator.fault.Fault;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Odd and hostile answers become a clear message naming the component and what came back, never a raw exception. */
@Execution(ExecutionMode.CONCURRENT)
class HostileResponsesTest {

    private static String failureOf(SuiteRun.Results results, String section) {
        assertThat(results.failedSections()).containsExactly(section);
        return results.failures().get(0).message();
    }

    @Test
    void anHtmlErrorPageIsNamedWithItsTitle() {
        assertThat(failureOf(SuiteRun.demo(Fault.AIGW_UNHEALTHY).run(), "ai-gateway-can-process-requests"))
                .contains("But was:  HTTP 502 with an HTML page titled '502 Bad Gateway' where JSON was expected");
    }

    @Test
    void aRedirectToTheSignInPageSaysTheUrlLeadsToGitLabsWebUi() {
        assertThat(failureOf(SuiteRun.demo(Fault.AIGW_LOGIN_REDIRECT).run(), "ai-gateway-can-process-requests"))
                .containsPattern(
                        "But was:  HTTP 302 redirect to https://127\\.0\\.0\\.1:\\d+/users/sign_in — a GitLab login page");
    }

    @Test
    void truncatedJsonIsCalledInvalid() {
        assertThat(failureOf(SuiteRun.demo(Fault.MODEL_INVALID_JSON).run(), "model-reachable-from-ai-gateway"))
                .contains("(not valid JSON: truncated or malformed)");
    }

    @Test
    void anEmptyBodyIsCalledEmpty() {
        assertThat(failureOf(SuiteRun.demo(Fault.MODEL_EMPTY_BODY).run(), "model-reachable-from-ai-gateway"))
                .contains("But was:  HTTP 200 with an empty body");
    }

    @Test
    void aHugeBodyIsReadOnlyUpToTheLimit() {
        assertThat(failureOf(SuiteRun.demo(Fault.MODEL_HUGE_BODY).run(), "model-reachable-from-ai-gateway"))
                .contains("with a body of over 1 MiB (reading stopped there)");
    }

    @Test
    void aServerErrorQuotesTheComponentsAnswer() {
        assertThat(failureOf(SuiteRun.demo(Fault.MODEL_ERROR).run(), "model-reachable-from-ai-gateway"))
                .contains("But was:  HTTP 500 {")
                .contains("\"message\":\"CUDA out of memory");
    }

    @Test
    void rateLimitingLeavesTheSectionNotCheckedWithTheRetryDelay() {
        SuiteRun.Results results = SuiteRun.demo(Fault.AIGW_RATE_LIMITED)
                .with("demo.mode", "troubleshooting")
                .run();
        assertThat(results.failures()).isEmpty();
        assertThat(results.of("ai-gateway-can-request-model"))
                .filteredOn(r -> r.test().startsWith("gatewayGetsAnAnswerFromTheModel"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.message())
                        .startsWith(Verdict.NOT_CHECKED + "rate limited, retry after 30 s (POST ")
                        .contains("answered 429)"));
    }

    @Test
    void aGraphQlErrorsAnswerIsQuotedAndJudgesNothing() {
        SuiteRun.Results results = SuiteRun.demo(Fault.GITLAB_GRAPHQL_ERRORS).run();
        assertThat(results.failures()).extracting(SuiteRun.CheckResult::message).isEmpty();
        assertThat(results.where(r -> r.message().contains("GraphQL errors: Internal server error")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.message()).startsWith(Verdict.NOT_CHECKED));
    }

    @Test
    void gitLabBehindAPathPrefixIsCheckedLikeAnyOther() {
        SuiteRun.Results results =
                SuiteRun.demo(Fault.GITLAB_BEHIND_PATH_PREFIX).run();
        assertThat(results.failures()).isEmpty();
        assertThat(results.where(r -> r.section().equals("gitlab-can-request-model") && r.passed()))
                .isNotEmpty();
        assertThat(results.requests())
                .filteredOn(r -> r.component().equals("gitlab"))
                .isNotEmpty()
                .allMatch(SuiteRun.Received::known);
    }

    @Test
    void aSilentComponentCostsOneTimeoutNotOnePerCheck() {
        SuiteRun.Results results =
                SuiteRun.demo(Fault.AIGW_SILENT, Fault.MODEL_SILENT).run();

        assertThat(results.failedSections())
                .containsExactlyInAnyOrder("ai-gateway-can-process-requests", "model-reachable-from-ai-gateway");
        // The deadline is the request timeout (10 s), or with the connection's (2 s) when the TLS handshake was still
        // going.
        assertThat(results.failures())
                .allSatisfy(f -> assertThat(f.message()).containsPattern("But was:  no answer within 1[02]s"));
        // One timeout per probe, not one per check: the suite never sends a silent component the same request twice.
        // (Counted, not timed: the run's duration is the benchmark's business, bench/run.sh.)
        List<String> toSilentComponents = results.requests().stream()
                .filter(r -> r.agent().startsWith("duo-conformance/")
                        && Set.of("aigw", "model").contains(r.component()))
                .map(r -> r.component() + " " + r.method() + " " + r.path())
                .toList();
        assertThat(toSilentComponents).isNotEmpty().doesNotHaveDuplicates();
    }
}
