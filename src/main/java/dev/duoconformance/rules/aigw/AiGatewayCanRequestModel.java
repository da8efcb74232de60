package dev.duoconformance.rules.aigw;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.behaviour.ConnectionCheckTimeout;
import dev.duoconformance.behaviour.MutationScope;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.rules.Answers;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.ModelKind;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.gitlab.AiGatewayUrl;
import dev.duoconformance.rules.gitlab.GitLabCanReachAiGateway;
import dev.duoconformance.rules.gitlab.GitLabReads;
import dev.duoconformance.rules.gitlab.UserCanRequestCodeSuggestions;
import dev.duoconformance.rules.model.ModelReachableFromAiGateway;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Section ai-gateway-can-request-model, both ways the doc gives: its own probe ({@code POST /v1/chat/agent} with the
 * troubleshooting bypass on returns the model's answer), and GitLab's {@code aiSelfHostedModelConnectionCheck} (17.7+),
 * which asks the AI gateway to call the model.
 */
public final class AiGatewayCanRequestModel {
    public static final Check<AiGatewayCanRequestModel> CHAT = Check.forEachModel(
            "gatewayGetsAnAnswerFromTheModel",
            "POST /v1/chat/agent returns the model's answer",
            ModelKind.ALL,
            Gate.from(Gate.Vantage.AI_GATEWAY),
            AiGatewayCanRequestModel::chat);
    /** GitLab's {@code aiSelfHostedModelConnectionCheck} for a model of the environment file succeeds. */
    public static final Check<AiGatewayCanRequestModel> CONNECTION_CHECK = Check.forEachModel(
            "gitlabConnectionCheckSucceeds",
            "GitLab's model connection check (aiSelfHostedModelConnectionCheck) succeeds through the AI gateway",
            ModelKind.ALL,
            Gate.gitlab("aiSelfHostedModelConnectionCheck", Identity.ADMIN).since(GitLabReads.CONNECTION_CHECK_SINCE),
            AiGatewayCanRequestModel::connectionCheck);

    public static final Declaration<AiGatewayCanRequestModel> SECTION = Declaration.of(
                    Sections.AIGW_REQUESTS_MODEL, AiGatewayCanRequestModel::new)
            .dependsOn(
                    Sections.USER_CAN_REQUEST,
                    Sections.AIGW_URL,
                    Sections.TLS,
                    Sections.AIGW_PROCESSES_REQUESTS,
                    Sections.GITLAB_REACHES_AIGW,
                    Sections.MODEL_REACHABLE)
            .checks(CHAT, CONNECTION_CHECK);
    /**
     * GEMINI joins the enum (and {@code Ai::SelfHostedModel}'s {@code gemini: 10}) together with the model's provider
     * ({@code enum :provider {api, bedrock, vertex_ai}}), whose column came with AddProviderToAiSelfHostedModels, milestone 18.11.
     */
    static final GitLabVersion GEMINI = GitLabVersion.of("18.11");

    private final Probes probes;
    private final boolean bypassExpected;
    private final boolean gitlabConfigured;

    private AiGatewayCanRequestModel(Probes probes) {
        this.probes = probes;
        Environment environment = probes.environment();
        this.bypassExpected = environment
                .aiGateway()
                .map(Environment.AiGateway::authBypassExpected)
                .orElse(false);
        this.gitlabConfigured = environment.gitlab().isPresent();
    }

    private Condition chat(Environment.Model model) {
        if (!bypassExpected) {
            String why = "the doc's direct probe POST /v1/chat/agent needs the troubleshooting bypass "
                    + "(AIGW_AUTH__BYPASS_EXTERNAL=true and ai_gateway.auth_bypass_expected: true)";
            // With GitLab configured, its model connection check covers the section: this probe is not a gap then.
            return gitlabConfigured
                    ? Condition.notApplicable(why + "; GitLab's model connection check covers this section")
                    : Condition.unknown(why
                            + "; configure gitlab so GitLab's model connection check can cover this section instead");
        }
        Optional<Condition> gatewayDown = probes.firstBroken(this::gatewayServes);
        if (gatewayDown.isPresent()) {
            return gatewayDown.get();
        }
        Exchange chat = probes.aiGateway().orElseThrow().chatAgent(model);
        Optional<Condition> unusable = Answers.unusable(chat, Sections.AIGW_REQUESTS_MODEL);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        if (chat.status() == 200
                && !chat.json()
                        .map(j -> j.path("response").asText(""))
                        .orElse("")
                        .isBlank()) {
            return Condition.holds();
        }
        if (chat.status() == 401) {
            return failure(
                    "auth-enforced",
                    chat.request(),
                    "HTTP 200 {\"response\":…} (authentication bypassed while troubleshooting)",
                    chat.outcome());
        }
        if (chat.status() == 422) {
            return failure(
                    "invalid-model",
                    chat.request(),
                    "HTTP 200 for model family '" + model.family() + "'",
                    chat.outcome());
        }
        String direct = model.hasOpenAiCompatibleEndpoint()
                ? " — while the model server answers this runner directly, so the gateway's configuration or its route to the model is at fault"
                : "";
        return probes.blame(
                new Failure(
                        Sections.AIGW_REQUESTS_MODEL,
                        "model-call-failed",
                        chat.request(),
                        "HTTP 200 {\"response\":…,\"metadata\":…}",
                        chat.outcome() + direct),
                () -> modelAnswers(model));
    }

    /** The families this GitLab version accepts; every family the suite knows when the version is unknown. */
    static Set<String> acceptedFamilies(Optional<GitLabVersion> version) {
        if (version.isPresent() && version.get().isBefore(GEMINI)) {
            return GitLabReads.ACCEPTED_FAMILIES;
        }
        Set<String> families = new java.util.TreeSet<>(GitLabReads.ACCEPTED_FAMILIES);
        families.add("GEMINI");
        return families;
    }

    private Condition connectionCheck(Environment.Model model) {
        GitLabClient gitlab = probes.gitlab();
        String family = model.family().toUpperCase(Locale.ROOT);
        Optional<GitLabVersion> version = gitlab.instanceVersion();
        Set<String> accepted = acceptedFamilies(version);
        if (!accepted.contains(family)) {
            String families = accepted.stream()
                    .map(f -> f.toLowerCase(Locale.ROOT))
                    .sorted()
                    .toList()
                    .toString();
            boolean later = family.equals("GEMINI");
            return failure(
                    "invalid-model",
                    "model family of '" + model.name() + "'",
                    "one of " + families
                            + (version.isPresent() ? " (the model families of GitLab " + version.get() + ")" : ""),
                    later
                            ? "GitLab " + version.orElseThrow() + " has no model family " + model.family()
                                    + " (it arrives in GitLab " + GEMINI + ")"
                            : model.family());
        }
        Optional<Condition> gatewayDown = probes.firstBroken(this::gatewayServes);
        if (gatewayDown.isPresent()) {
            return gatewayDown.get();
        }
        GraphQlAnswer answer = gitlab.connectionCheck(model, family);
        JsonNode result = answer.data().path("aiSelfHostedModelConnectionCheck").path("result");
        if (answer.notPermitted()) {
            Optional<String> noApiScope = MutationScope.missing(
                    Identity.ADMIN.key(),
                    Identity.ADMIN.description(),
                    gitlab.tokenScopes(Identity.ADMIN),
                    "aiSelfHostedModelConnectionCheck");
            if (noApiScope.isPresent()) {
                return Condition.unknown(noApiScope.get());
            }
            Condition entitlement = probes.outcome(UserCanRequestCodeSuggestions.ENTITLEMENT);
            return entitlement.isBroken()
                    ? entitlement
                    : Condition.unknown("GitLab refused the connection check: " + answer.outcome());
        }
        if (!answer.answered() || !result.isObject()) {
            return Condition.unknown("the connection check could not run: " + answer.outcome());
        }
        if (result.path("success").asBoolean(false)) {
            return Condition.holds();
        }
        String message = result.path("message").asText();
        String checked = "GraphQL aiSelfHostedModelConnectionCheck for '" + model.name() + "'";
        String expected = "success: true (\"Successfully connected to the self-hosted model\")";
        Optional<Condition> rootCause = probes.firstBroken(
                () -> probes.outcome(AiGatewayUrl.GATEWAY_URL),
                this::gatewayServes,
                () -> probes.outcome(GitLabCanReachAiGateway.HOST_PROBE),
                () -> probes.outcome(GitLabCanReachAiGateway.DIRECT_ACCESS));
        if (rootCause.isPresent()) {
            return rootCause.get();
        }
        if (message.contains("returned code 422")) {
            return failure("invalid-model", checked, expected, message);
        }
        Condition modelAnswers = modelAnswers(model);
        if (modelAnswers.isBroken()) {
            return modelAnswers;
        }
        if (ConnectionCheckTimeout.isTimeout(message) && model.hasOpenAiCompatibleEndpoint()) {
            java.time.Duration measured =
                    probes.modelServers().chatCompletion(model).elapsed();
            return failure(
                    ConnectionCheckTimeout.modelSlowerThanLimit(measured)
                            ? "slower-than-gitlab-timeout"
                            : "model-call-failed",
                    checked,
                    expected,
                    ConnectionCheckTimeout.explain(message, measured));
        }
        boolean gatewayFailed = message.contains("AI Gateway returned code")
                || message.contains("Unknown error")
                || message.contains("could not connect to the model");
        return failure(
                gatewayFailed ? "model-call-failed" : "connection-check-failed",
                checked,
                expected,
                "success: false, \"" + message + "\""
                        + (model.hasOpenAiCompatibleEndpoint()
                                ? " — while the model server answers this runner directly"
                                : ""));
    }

    private static Condition failure(String cause, String checked, String expected, String butWas) {
        return Condition.broken(new Failure(Sections.AIGW_REQUESTS_MODEL, cause, checked, expected, butWas));
    }

    private Condition gatewayServes() {
        return probes.outcome(AiGatewayCanProcessRequests.SERVES);
    }

    private Condition modelAnswers(Environment.Model model) {
        return probes.outcome(ModelReachableFromAiGateway.ANSWERS, model);
    }
}
