package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.junit.Verdict;
import dev.duoconformance.simulator.fault.Fault;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A model server whose body stalls, trickles, never ends or explodes costs one deadline or 1 MiB, says what came back,
 * and leaves no check waiting (one after the other: each run holds connections open until its deadline).
 */
class HostileBodiesTest {

    private static String failureOf(SuiteRun.Results results, String section) {
        assertThat(results.failedSections()).containsExactly(section);
        return results.failures().get(0).message();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Fault.class,
            names = {"MODEL_STALLED_BODY", "MODEL_TRICKLING_BODY", "MODEL_TRICKLING_CHUNKED_BODY"})
    @Timeout(
            value = 180,
            threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // A hang fails here instead of holding the build.
    void aBodyThatStallsOrTricklesCostsOneDeadlineAndSaysWhatCameBack(Fault fault) {
        SuiteRun.Results results = SuiteRun.demo(fault).run();

        // The demo's deadline: a read stalls for request_timeout (10s), a trickle runs into connect + request (12s).
        assertThat(failureOf(results, "model-reachable-from-ai-gateway"))
                .containsPattern(
                        "But was:  HTTP/1\\.1 200 OK came, but its body did not end within 1[02]s \\(\\d+ bytes received.*\\); "
                                + "the connection was dropped");
        assertThat(results.of("vllm-404"))
                .filteredOn(r -> r.test().startsWith("servedNameIsListed"))
                .isNotEmpty()
                .allSatisfy(r ->
                        assertThat(r.message()).startsWith(Verdict.BLOCKED_BY + "model-reachable-from-ai-gateway"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Fault.class,
            names = {"MODEL_ENDLESS_BODY", "MODEL_GZIP_BOMB"})
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anEndlessOrExplodingBodyIsReadUpToTheLimitOfDecompressedBytes(Fault fault) {
        SuiteRun.Results results = SuiteRun.demo(fault).run();

        assertThat(failureOf(results, "model-reachable-from-ai-gateway"))
                .contains(
                        "But was:  HTTP 200 with a body of over 1 MiB (reading stopped there): {\"object\":\"list\",\"data\":[");
    }
}
