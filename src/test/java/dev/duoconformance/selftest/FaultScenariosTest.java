package dev.duoconformance.selftest;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.selftest.SuiteRun.CheckResult;
import dev.duoconformance.simulator.fault.Fault;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Each documented fault fails exactly its section, with the documented remediation, and only blocks what lies downstream. */
@Execution(ExecutionMode.CONCURRENT)
class FaultScenariosTest {
    private static final Catalogue CATALOGUE = Catalogue.load(Locale.ENGLISH);

    /** Sections that must report "blocked by <upstream>" for a fault, as section → upstream. */
    private static final Map<Fault, Map<String, String>> BLOCKED = Map.ofEntries(
            Map.entry(Fault.AIGW_DOWN, Map.of("ai-gateway-can-request-model", "ai-gateway-can-process-requests",
                    "gitlab-can-request-model", "ai-gateway-can-process-requests", "gitlab-can-reach-ai-gateway", "ai-gateway-can-process-requests",
                    "duo-health-check", "ai-gateway-can-process-requests")),
            Map.entry(Fault.AIGW_UNHEALTHY, Map.of("ai-gateway-can-request-model", "ai-gateway-can-process-requests")),
            Map.entry(Fault.AIGW_SILENT, Map.of("ai-gateway-can-request-model", "ai-gateway-can-process-requests")),
            Map.entry(Fault.MODEL_HUGE_BODY, Map.of("vllm-404", "model-reachable-from-ai-gateway")),
            Map.entry(Fault.MODEL_DOWN, Map.of("ai-gateway-can-request-model", "model-reachable-from-ai-gateway",
                    "vllm-404", "model-reachable-from-ai-gateway", "gitlab-can-request-model", "model-reachable-from-ai-gateway")),
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
            Map.entry(Fault.AIGW_WRONG_HOST_CERTIFICATE, Map.of("ai-gateway-can-process-requests", "ai-gateway-tls",
                    "gitlab-can-request-model", "ai-gateway-tls")),
            Map.entry(Fault.GITLAB_AIGW_URL_UNSET, upstreamOf("ai-gateway-url",
                    "gitlab-can-request-model", "gitlab-can-reach-ai-gateway", "duo-health-check", "ai-gateway-can-request-model")),
            Map.entry(Fault.GITLAB_AIGW_URL_WRONG, upstreamOf("ai-gateway-url",
                    "gitlab-can-request-model", "gitlab-can-reach-ai-gateway", "duo-health-check", "ai-gateway-can-request-model")),
            Map.entry(Fault.FEATURE_VENDORED, upstreamOf("instance-uses-self-hosted-models", "gitlab-can-request-model", "feature-not-accessible")),
            Map.entry(Fault.FEATURE_DISABLED, upstreamOf("instance-uses-self-hosted-models", "gitlab-can-request-model", "gitlab-can-reach-ai-gateway")),
            Map.entry(Fault.GITLAB_MODEL_MISSING, upstreamOf("instance-uses-self-hosted-models", "feature-not-accessible")),
            Map.entry(Fault.GITLAB_MODEL_ENDPOINT_DIFFERS, upstreamOf("instance-uses-self-hosted-models", "gitlab-can-request-model")),
            Map.entry(Fault.LICENSE_EXPIRED, upstreamOf("user-can-request-code-suggestions", "instance-uses-self-hosted-models", "ai-gateway-url",
                    "code-suggestions-access-error", "gitlab-can-request-model", "duo-health-check", "ai-gateway-can-request-model")),
            Map.entry(Fault.NO_ADD_ON, upstreamOf("user-can-request-code-suggestions", "instance-uses-self-hosted-models", "ai-gateway-url",
                    "code-suggestions-access-error", "gitlab-can-request-model", "duo-health-check", "ai-gateway-can-request-model")),
            Map.entry(Fault.NO_SEAT, upstreamOf("code-suggestions-access-error", "user-can-request-code-suggestions", "gitlab-can-request-model")),
            Map.entry(Fault.USER_WITHOUT_ACCESS, upstreamOf("user-can-request-code-suggestions", "gitlab-can-request-model", "gitlab-can-reach-ai-gateway")),
            Map.entry(Fault.GITLAB_CANNOT_REACH_AIGW, upstreamOf("gitlab-can-reach-ai-gateway",
                    "gitlab-can-request-model", "ai-gateway-can-request-model", "duo-health-check")),
            Map.entry(Fault.AIGW_REJECTS_GITLAB_TOKENS, upstreamOf("gitlab-can-reach-ai-gateway", "gitlab-can-request-model", "ai-gateway-can-request-model")),
            Map.entry(Fault.CODE_SUGGESTIONS_SWITCHED_OFF, upstreamOf("gitlab-can-request-model",
                    "user-can-request-code-suggestions", "gitlab-can-reach-ai-gateway")));

    private static Map<String, String> upstreamOf(String upstream, String... sections) {
        Map<String, String> blocked = new java.util.HashMap<>();
        for (String section : sections) {
            blocked.put(section, upstream);
        }
        return blocked;
    }

    /** For the faults of the suite's own access, which fail nothing: sections → words their "not checked" reason holds. */
    private static final Map<Fault, Map<String, String>> NOT_CHECKED = Map.of(
            Fault.GITLAB_TOKEN_NOT_ADMIN, Map.of("instance-uses-self-hosted-models", "does not act as an administrator",
                    "ai-gateway-url", "does not act as an administrator", "duo-health-check", "does not act as an administrator"),
            Fault.GITLAB_ADMIN_MODE_REQUIRED, Map.of("instance-uses-self-hosted-models", "admin_mode scope",
                    "user-can-request-code-suggestions", "admin_mode scope"),
            Fault.DIRECT_ACCESS_RATE_LIMITED, Map.of("gitlab-can-reach-ai-gateway", "rate limited, retry after 60 s"));

    static Stream<Fault> faultsThatBreakASection() {
        return Arrays.stream(Fault.values()).filter(f -> f.breaks() != null && !Fault.IN_CONTAINER.contains(f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultsThatBreakASection")
    void theFaultFailsExactlyItsSectionWithTheDocumentedRemediation(Fault fault) {
        SuiteRun.Results results = SuiteRun.demo(fault).run();

        if (fault.breaks() == null) {
            assertThat(results.failures()).as("failures under %s", fault).isEmpty();
            NOT_CHECKED.get(fault).forEach((section, reason) -> assertThat(results.of(section)).as("%s under %s", section, fault)
                    .anySatisfy(r -> assertThat(r.message()).startsWith(Verdict.NOT_CHECKED).contains(reason)));
            return;
        }
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
