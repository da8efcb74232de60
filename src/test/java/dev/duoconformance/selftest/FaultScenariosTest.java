package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.selftest.SuiteRun.CheckResult;
import dev.duoconformance.simulator.Fault;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/** Each documented fault fails exactly its section, with the documented remediation, and only blocks what lies downstream. */
@Execution(ExecutionMode.CONCURRENT)
class FaultScenariosTest {
    private static final Catalogue CATALOGUE = Catalogue.load(Locale.ENGLISH);

    /** Sections that must report "blocked by <upstream>" for a fault, as section → upstream. */
    private static final Map<Fault, Map<String, String>> BLOCKED = Map.ofEntries(
            Map.entry(Fault.AIGW_DOWN, Map.of("ai-gateway-can-request-model", "ai-gateway-can-process-requests")),
            Map.entry(Fault.AIGW_UNHEALTHY, Map.of("ai-gateway-can-request-model", "ai-gateway-can-process-requests")),
            Map.entry(Fault.AIGW_SILENT, Map.of("ai-gateway-can-request-model", "ai-gateway-can-process-requests")),
            Map.entry(Fault.MODEL_HUGE_BODY, Map.of("vllm-404", "model-reachable-from-ai-gateway")),
            Map.entry(Fault.MODEL_DOWN, Map.of("ai-gateway-can-request-model", "model-reachable-from-ai-gateway",
                    "vllm-404", "model-reachable-from-ai-gateway")),
            Map.entry(Fault.MODEL_ERROR, Map.of("ai-gateway-can-request-model", "model-reachable-from-ai-gateway")),
            Map.entry(Fault.MODEL_API_KEY_REJECTED, Map.of("ai-gateway-can-request-model", "model-reachable-from-ai-gateway",
                    "vllm-404", "model-reachable-from-ai-gateway")),
            Map.entry(Fault.MODEL_NAME_NOT_SERVED, Map.of("ai-gateway-can-request-model", "vllm-404",
                    "model-reachable-from-ai-gateway", "vllm-404")),
            Map.entry(Fault.MODEL_ENDPOINT_WITHOUT_V1, Map.of("ai-gateway-can-request-model", "vllm-404",
                    "model-reachable-from-ai-gateway", "vllm-404")),
            Map.entry(Fault.BEDROCK_ID_WITHOUT_REGION, Map.of("ai-gateway-can-request-model", "bedrock-model-id")),
            Map.entry(Fault.AIGW_UNTRUSTED_CERTIFICATE, Map.of("ai-gateway-can-process-requests", "ai-gateway-tls",
                    "ai-gateway-can-request-model", "ai-gateway-tls")),
            Map.entry(Fault.AIGW_SELF_SIGNED_CERTIFICATE, Map.of("ai-gateway-can-process-requests", "ai-gateway-tls")),
            Map.entry(Fault.AIGW_EXPIRED_CERTIFICATE, Map.of("ai-gateway-can-process-requests", "ai-gateway-tls")),
            Map.entry(Fault.AIGW_WRONG_HOST_CERTIFICATE, Map.of("ai-gateway-can-process-requests", "ai-gateway-tls")));

    static Stream<Fault> faultsThatBreakASection() {
        return Arrays.stream(Fault.values()).filter(f -> f.breaks() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultsThatBreakASection")
    void theFaultFailsExactlyItsSectionWithTheDocumentedRemediation(Fault fault) {
        SuiteRun.Results results = SuiteRun.demo(fault).run();

        assertThat(results.failedSections()).as("sections failed by %s", fault).containsExactly(fault.breaks());
        String firstStep = CATALOGUE.section(fault.breaks()).stepsFor(fault.cause()).get(0);
        for (CheckResult failure : results.failures()) {
            assertThat(failure.throwable()).as("a failure is an assertion carrying the remediation, never a raw exception")
                    .isInstanceOf(AssertionFailedError.class);
            assertThat(failure.message())
                    .startsWith("[" + fault.breaks() + "] ")
                    .contains("Try fixing it:\n  1. " + firstStep)
                    .contains("For more information see: " + CATALOGUE.section(fault.breaks()).docUrl());
        }
        BLOCKED.getOrDefault(fault, Map.of()).forEach((section, upstream) ->
                assertThat(results.of(section)).as("%s under %s", section, fault)
                        .anySatisfy(r -> assertThat(r.message()).startsWith(Verdict.BLOCKED_BY + upstream)));
        AllowList.assertPublished(results.requests());
        if (fault != Fault.MODEL_ENDPOINT_WITHOUT_V1 && fault != Fault.AIGW_LOGIN_REDIRECT) {
            assertThat(results.requests()).as("requests the simulators don't know").filteredOn(r -> !r.known()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Fault.class, names = {"MODEL_DOWN", "AIGW_UNTRUSTED_CERTIFICATE"})
    void remediationsAreInKoreanWithLangKo(Fault fault) {
        SuiteRun.Results results = SuiteRun.demo(fault).with("lang", "ko").run();

        Catalogue korean = Catalogue.load(Locale.KOREAN);
        String firstStep = korean.section(fault.breaks()).stepsFor(fault.cause()).get(0);
        List<CheckResult> failures = results.failures();
        assertThat(failures).isNotEmpty().allSatisfy(f -> assertThat(f.message())
                .startsWith("[" + fault.breaks() + "] " + korean.section(fault.breaks()).statement())
                .contains(korean.labels().tryFixingIt() + ":\n  1. " + firstStep));
    }
}
