package dev.duoconformance.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duoconformance.behaviour.HealthProbes.Probe;
import dev.duoconformance.behaviour.HealthProbes.Target;
import dev.duoconformance.http.ChatAnswer;
import dev.duoconformance.rules.model.BedrockIdentifier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The upstream behaviours the rules rely on, each against the examples its upstream source or doc gives. */
class BuildingBlocksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bedrock/us.meta.llama3-3-70b-instruct-v1:0",
                "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
                "bedrock/mistral.mixtral-8x7b-instruct-v0:1",
                "bedrock/apac.anthropic.claude-sonnet-4-20250514-v1:0",
                "bedrock/global.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0",
                "bedrock/arn:aws:bedrock:us-east-2:111122223333:application-inference-profile/abc123",
                "bedrock/arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0"
            })
    void bedrockIdentifiersTheDocAndTheGatewayUseAreValid(String identifier) {
        assertThat(BedrockIdentifier.requiredInstead(identifier)).isEmpty();
    }

    @Test
    void anArnNeedsTheBedrockProviderPrefixAsTheGatewaySplitsAtTheFirstSlash() {
        assertThat(BedrockIdentifier.isArnWithoutProvider(
                        "arn:aws:bedrock:us-east-2:111122223333:application-inference-profile/abc123"))
                .isTrue();
        assertThat(BedrockIdentifier.isArnWithoutProvider(
                        "bedrock/arn:aws:bedrock:us-east-2:111122223333:application-inference-profile/abc123"))
                .isFalse();
        assertThat(BedrockIdentifier.requiredInstead(
                        "arn:aws:bedrock:us-east-2:111122223333:application-inference-profile/abc123"))
                .isPresent();
    }

    @Test
    void aModelBedrockServesOnlyThroughProfilesNeedsTheRegionPrefix() {
        assertThat(BedrockIdentifier.requiredInstead("bedrock/meta.llama3-3-70b-instruct-v1:0"))
                .hasValue(
                        "bedrock/{region}.meta.llama3-3-70b-instruct-v1:0 (Bedrock serves meta.llama3-3-70b-instruct-v1:0 only through inference profiles)");
        assertThat(BedrockIdentifier.requiredInstead("bedrock/")).isPresent();
    }

    @Test
    void theGatewayProbeIsTheHostProbeNamingItsHostAndCloudProbesAreNot() {
        Probe gateway = new Probe("host_probe", true, "aigw.internal reachable.", List.of());
        Probe cloud = new Probe(
                "host_probe",
                false,
                "cloud.gitlab.com connection failed: getaddrinfo: Name or service not known.\n\nIf you use …",
                List.of());
        Probe invalid = new Probe("host_probe", false, "http://aigw.internal:5052 is not a valid URL.", List.of());
        assertThat(HealthProbes.target(gateway, "AIGW.internal", "http://aigw.internal:5052"))
                .isEqualTo(Target.AI_GATEWAY_HOST);
        assertThat(HealthProbes.target(cloud, "aigw.internal", "http://aigw.internal:5052"))
                .isEqualTo(Target.CLOUD);
        assertThat(HealthProbes.target(invalid, "aigw.internal", "http://aigw.internal:5052"))
                .isEqualTo(Target.AI_GATEWAY_HOST);
        assertThat(HealthProbes.target(new Probe("host_probe", true, "::1 reachable.", List.of()), "[::1]", ""))
                .isEqualTo(Target.AI_GATEWAY_HOST);
        assertThat(HealthProbes.target(new Probe("token_probe", true, "", List.of()), "aigw", ""))
                .isEqualTo(Target.CLOUD);
    }

    @Test
    void theTwoAgentPlatformProbesAndTheLaterFamiliesAreToldApart() {
        // probes/duo_agent_platform_probe.rb (newest revision, and 18.9's "GitLab Duo Workflow Service at <host>").
        Probe selfHosted = new Probe(
                "duo_agent_platform_probe",
                false,
                "The self-hosted GitLab Duo Agent Platform service at aigw.internal:50052 is not reachable.",
                List.of());
        Probe cloudConnected = new Probe(
                "duo_agent_platform_probe",
                false,
                "The cloud-connected GitLab Duo Agent Platform service at duo-workflow-svc.runway.gitlab.net:443 is not reachable.",
                List.of());
        Probe vendored189 = new Probe(
                "duo_agent_platform_probe",
                false,
                "GitLab Duo Workflow Service at duo-workflow-svc.runway.gitlab.net:443 is not operational.",
                List.of());
        Probe selfHosted189 = new Probe(
                "duo_agent_platform_probe",
                true,
                "GitLab Duo Workflow Service at aigw.internal:50052 is operational.",
                List.of());
        assertThat(HealthProbes.target(selfHosted, "aigw.internal", "")).isEqualTo(Target.AGENT_PLATFORM);
        assertThat(HealthProbes.target(cloudConnected, "aigw.internal", "")).isEqualTo(Target.AGENT_PLATFORM_CLOUD);
        assertThat(HealthProbes.target(vendored189, "aigw.internal", "")).isEqualTo(Target.AGENT_PLATFORM_CLOUD);
        assertThat(HealthProbes.target(selfHosted189, "aigw.internal", "")).isEqualTo(Target.AGENT_PLATFORM);
        assertThat(HealthProbes.target(new Probe("allow_foundational_flows_probe", false, "", List.of()), "aigw", ""))
                .isEqualTo(Target.FLOW_SETTINGS);
        assertThat(HealthProbes.target(new Probe("compatible_runner_probe", false, "", List.of()), "aigw", ""))
                .isEqualTo(Target.COMPATIBLE_RUNNER);
        assertThat(HealthProbes.target(
                        new Probe(
                                "billing_cloud_ai_gateway_probe",
                                false,
                                "cloud.gitlab.com connection failed: …",
                                List.of()),
                        "aigw",
                        ""))
                .isEqualTo(Target.USAGE_BILLING);
        assertThat(HealthProbes.tlsMismatch(new Probe(
                        "duo_agent_platform_probe",
                        false,
                        selfHosted.message() + " It fails with a TLS "
                                + "mismatch error. If your self-hosted Duo Agent Platform service endpoint does not support TLS, …",
                        List.of())))
                .isTrue();
        assertThat(HealthProbes.tlsMismatch(selfHosted)).isFalse();
    }

    @Test
    void theLicenseProbeJudgingAnAdministratorWithoutSeatIsToldApartFromAnUnlicensedInstance() {
        assertThat(HealthProbes.judgesTheCallerWithoutSeat(new Probe(
                        "code_suggestions_license_probe",
                        false,
                        "License includes access to Code Suggestions, but you lack the necessary permissions to use this feature.",
                        List.of())))
                .isTrue();
        assertThat(HealthProbes.judgesTheCallerWithoutSeat(new Probe(
                        "code_suggestions_license_probe",
                        false,
                        "License does not provide access to Code Suggestions.",
                        List.of())))
                .isFalse();
    }

    @Test
    void gitLabsThreeSecondLimitIsSetAgainstTheMeasuredLatency() {
        String message = "ERROR: Net::ReadTimeout with #<TCPSocket:(closed)>";
        assertThat(ConnectionCheckTimeout.isTimeout(message)).isTrue();
        assertThat(ConnectionCheckTimeout.isTimeout("ERROR: Request timed out after 3.0 seconds"))
                .isTrue();
        assertThat(ConnectionCheckTimeout.isTimeout("ERROR: AI Gateway returned code 500: Internal"))
                .isFalse();
        assertThat(ConnectionCheckTimeout.explain(message, Duration.ofMillis(4100)))
                .contains("answers this runner in 4.1 s")
                .contains("waits 3 s for the AI gateway (COMPLETION_CHECK_TIMEOUT)");
        assertThat(ConnectionCheckTimeout.explain(message, Duration.ofMillis(400)))
                .contains("in 0.4 s")
                .contains("route to the model is slower");
    }

    @Test
    void aReasoningModelThatSpentItsTokensOnReasoningAnswered() throws Exception {
        for (String field : List.of("reasoning_content", "reasoning")) {
            var completion =
                    JSON.readTree("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\""
                            + field + "\":\"The user greets me. I should\"},\"finish_reason\":\"length\"}]}");
            assertThat(ChatAnswer.of(completion)).get().satisfies(a -> {
                assertThat(a.reasoningOnly()).isTrue();
                assertThat(a.note(16))
                        .isEqualTo(
                                "the model answered with reasoning only (finish_reason: length at max_tokens 16) — a reasoning model");
            });
        }
        assertThat(ChatAnswer.of(
                        JSON.readTree("{\"choices\":[{\"message\":{\"content\":\"\"},\"finish_reason\":\"length\"}]}")))
                .isEmpty();
        assertThat(ChatAnswer.of(JSON.readTree("{\"choices\":[{\"message\":{\"content\":\"Hi\"}}]}")))
                .get()
                .extracting(ChatAnswer::reasoningOnly)
                .isEqualTo(false);
    }

    @Test
    void anUnlistedFeatureIsExplainedByWhyGitLabHidesIt() {
        assertThat(DuoFeatures.causeWhenUnlisted("generate_commit_message", Optional.of("ultimate"), false))
                .isEqualTo("beta-not-enabled");
        assertThat(DuoFeatures.causeWhenUnlisted("resolve_vulnerability", Optional.of("premium"), false))
                .isEqualTo("not-in-premium");
        assertThat(DuoFeatures.causeWhenUnlisted("resolve_vulnerability", Optional.of("ultimate"), false))
                .isEqualTo("beta-not-enabled");
        assertThat(DuoFeatures.causeWhenUnlisted("duo_chat", Optional.empty(), false))
                .isEqualTo("manual-steps");
        assertThat(DuoFeatures.causeWhenUnlisted("duo_chat_explain_code", Optional.empty(), true))
                .isEqualTo("chat-sub-features-flagged");
        assertThat(DuoFeatures.causeWhenUnlisted("duo_chat_explain_code", Optional.empty(), false))
                .isEqualTo("manual-steps");
        assertThat(DuoFeatures.known("code_completions")).isTrue();
        assertThat(DuoFeatures.known("code_suggestions")).isFalse();
    }

    @Test
    void adminModeIsDiagnosedByScopesAndAnAdminOnlyReadNotByIsAdmin() {
        assertThat(AdminMode.problem("gitlab.admin_token", "a token", true, List.of("api", "read_api"), () -> 403))
                .get()
                .asString()
                .startsWith(
                        "Admin Mode is on and gitlab.admin_token lacks the admin_mode scope (scopes: [api, read_api])");
        assertThat(AdminMode.problem("gitlab.admin_token", "a token", true, List.of("api"), () -> 200))
                .isEmpty();
        assertThat(AdminMode.problem("gitlab.admin_token", "a token", true, List.of("api", "admin_mode"), () -> {
                    throw new AssertionError("no admin-only read needed when the token has admin_mode");
                }))
                .isEmpty();
        assertThat(AdminMode.problem("gitlab.admin_token", "a token", false, List.of("api"), () -> 403))
                .get()
                .asString()
                .contains("not an administrator");
    }

    @Test
    void theTroubleshootScriptFormIsReadFromWhatTheImageHolds() {
        assertThat(TroubleshootScript.detection("/app"))
                .last()
                .asString()
                .startsWith(
                        "test -f '/app/ai_gateway/scripts/troubleshoot_selfhosted_installation.py' && echo entry-point && exit 0;")
                .endsWith("echo none");
        assertThat(TroubleshootScript.detected("workdir-script\n")).hasValue(TroubleshootScript.WORKDIR_SCRIPT);
        assertThat(TroubleshootScript.detected("none")).isEmpty();
        assertThat(TroubleshootScript.WORKDIR_SCRIPT.command("localhost:5052"))
                .isEqualTo("poetry run python troubleshoot_selfhosted_installation.py --endpoint localhost:5052");
        assertThat(TroubleshootScript.ENTRY_POINT.command("localhost:5052"))
                .isEqualTo("poetry run troubleshoot --endpoint localhost:5052");
    }

    @Test
    void chatErrorCodesAreReadFromGitLabsRendering() {
        String a1000 = "I'm sorry, I couldn't respond in time. Please try again. Error code: "
                + "[A1000](https://docs.gitlab.com/ee/user/gitlab_duo_chat/troubleshooting.html#error-a1000)";
        assertThat(ChatErrors.code(a1000)).hasValue("A1000");
        assertThat(ChatErrors.isTimeout(a1000)).isTrue();
        assertThat(ChatErrors.code("I'm sorry, I can't generate a response. Please try again. Error code: A9999"))
                .hasValue("A9999");
        assertThat(ChatErrors.code("no code")).isEmpty();
    }
}
