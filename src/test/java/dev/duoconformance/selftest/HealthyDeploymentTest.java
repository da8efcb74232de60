package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.selftest.SuiteRun.CheckResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthyDeploymentTest {
    private static SuiteRun.Results results;

    @BeforeAll
    static void runEveryCheckAgainstTheHealthyDemo() {
        results = SuiteRun.demo().run();
    }

    @Test
    void everyCheckPasses() {
        assertThat(results.checks()).isNotEmpty();
        assertThat(results.where(r -> !r.passed()))
                .as("checks that did not pass on the healthy deployment")
                .extracting(r -> r.section() + " " + r.test() + ": " + r.message())
                .isEmpty();
    }

    @Test
    void everySectionOfTheSuiteRan() {
        assertThat(results.checks()).extracting(CheckResult::section).contains(
                "ai-gateway-tls", "ai-gateway-can-process-requests", "ai-gateway-can-request-model",
                "model-reachable-from-ai-gateway", "vllm-404", "bedrock-model-id");
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
                .filteredOn(r -> r.method().equals("GET"))
                .extracting(r -> r.component() + " " + r.method() + " " + r.path())
                .contains("model GET /v1/models")
                .doesNotHaveDuplicates();
    }
}
