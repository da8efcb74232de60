package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.selftest.SuiteRun.CheckResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;

class HealthyDeploymentTest {
    /** The demo has no container runtime to inspect and runs no script: those checks, and only those, are not checked. */
    private static final String NO_RUNTIME = "not checked: no access to the AI gateway's runtime (configure ai_gateway.docker in environments/demo.yaml)";
    private static final String OPT_IN = "not checked: opt-in: ";
    private static SuiteRun.Results results;

    @BeforeAll
    static void runEveryCheckAgainstTheHealthyDemo() {
        results = SuiteRun.demo().run();
    }

    @Test
    void everyCheckPasses() {
        assertThat(results.checks()).isNotEmpty();
        assertThat(results.where(r -> !r.passed() && !outsideTheDemo(r)))
                .as("checks that did not pass on the healthy deployment")
                .extracting(r -> r.section() + " " + r.test() + ": " + r.message())
                .isEmpty();
    }

    @Test
    void theRuntimeSectionsAreNotCheckedWithTheReason() {
        assertThat(results.where(HealthyDeploymentTest::outsideTheDemo))
                .extracting(r -> r.section() + " " + r.message())
                .contains("ai-gateway-env-vars " + NO_RUNTIME, "image-platform-mismatch " + NO_RUNTIME, "llm-server-in-container " + NO_RUNTIME,
                        "model-reachable-from-ai-gateway " + NO_RUNTIME, "ai-gateway-can-reach-gitlab " + NO_RUNTIME,
                        "ai-gateway-tls " + NO_RUNTIME, "ai-gateway-logs " + NO_RUNTIME)
                .anySatisfy(r -> assertThat(r).startsWith("debugging-scripts " + OPT_IN))
                .anySatisfy(r -> assertThat(r).startsWith("verify-gitlab-setup " + OPT_IN));
    }

    private static boolean outsideTheDemo(CheckResult result) {
        return result.status() == TestExecutionResult.Status.ABORTED
                && (result.message().equals(NO_RUNTIME) || result.message().startsWith(OPT_IN));
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
    void eachSharedProbeIsSentOncePerRun() {
        assertThat(results.requests())
                .filteredOn(r -> r.method().equals("GET"))
                .extracting(r -> r.component() + " " + r.method() + " " + r.path())
                .contains("model GET /v1/models")
                .doesNotHaveDuplicates();
    }
}
