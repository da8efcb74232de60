package dev.duoconformance.rules.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.aigw.AiGatewayCanProcessRequests;
import dev.duoconformance.rules.model.ModelAnswers;
import dev.duoconformance.upstream.ConnectionCheckTimeout;
import dev.duoconformance.upstream.MutationScope;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

/** Section ai-gateway-can-request-model, through GitLab: its aiSelfHostedModelConnectionCheck (17.7+) succeeds. */
public final class ModelConnectionCheck implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.AIGW_REQUESTS_MODEL, Sections.USER_CAN_REQUEST, Sections.AIGW_URL,
            Sections.TLS, Sections.AIGW_PROCESSES_REQUESTS, Sections.GITLAB_REACHES_AIGW, Sections.BEDROCK_MODEL_ID, Sections.VLLM_404,
            Sections.MODEL_REACHABLE);
    /**
     * {@code AiAcceptedSelfHostedModels}, the families GitLab's model connection check accepts
     * (ee/app/graphql/types/ai/self_hosted_models/accepted_models_enum.rb, as of 18.9); a family outside the enum fails
     * the mutation's validation, so the check could not even run.
     */
    static final Set<String> ACCEPTED_FAMILIES = Set.of("CODEGEMMA", "CODELLAMA", "CODESTRAL", "MISTRAL", "MIXTRAL", "DEEPSEEKCODER",
            "LLAMA3", "CLAUDE_3", "GPT", "GENERAL");
    /**
     * GEMINI joins the enum (and {@code Ai::SelfHostedModel}'s {@code gemini: 10}) together with the model's provider
     * ({@code enum :provider {api, bedrock, vertex_ai}}), whose column came with AddProviderToAiSelfHostedModels, milestone 18.11.
     */
    static final GitLabVersion GEMINI = GitLabVersion.of("18.11");
    private static final GitLabVersion CONNECTION_CHECK = GitLabVersion.of("17.7");

    private final Rules rules;
    private final Environment environment;
    private final GitLabClient gitlab;
    private final GitLabUpstream upstream;

    public ModelConnectionCheck(Rules rules, Environment environment, GitLabClient gitlab) {
        this.rules = rules;
        this.environment = environment;
        this.gitlab = gitlab;
        this.upstream = new GitLabUpstream(rules);
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    /** GitLab's {@code aiSelfHostedModelConnectionCheck} for a model of the environment file succeeds. */
    public Condition connectionCheck(Environment.Model model) {
        return rules.once(this, "connectionCheck" + ":" + model.name(), () -> connectionCheckNow(model));
    }

    /** The families this GitLab version accepts; every family the suite knows when the version is unknown. */
    static Set<String> acceptedFamilies(Optional<GitLabVersion> version) {
        if (version.isPresent() && version.get().isBefore(GEMINI)) {
            return ACCEPTED_FAMILIES;
        }
        Set<String> families = new java.util.TreeSet<>(ACCEPTED_FAMILIES);
        families.add("GEMINI");
        return families;
    }

    private Condition connectionCheckNow(Environment.Model model) {
        String family = model.family().toUpperCase(Locale.ROOT);
        Optional<GitLabVersion> version = gitlab.instanceVersion();
        Set<String> accepted = acceptedFamilies(version);
        if (!accepted.contains(family)) {
            String families = accepted.stream().map(f -> f.toLowerCase(Locale.ROOT)).sorted().toList().toString();
            boolean later = family.equals("GEMINI");
            return broken(Sections.AIGW_REQUESTS_MODEL, "invalid-model", "model family of '" + model.name() + "'",
                    "one of " + families + (version.isPresent() ? " (the model families of GitLab " + version.get() + ")" : ""),
                    later ? "GitLab " + version.orElseThrow() + " has no model family " + model.family() + " (it arrives in GitLab " + GEMINI + ")"
                            : model.family());
        }
        if (version.isPresent() && version.get().isBefore(CONNECTION_CHECK)) {
            return Condition.unknown("aiSelfHostedModelConnectionCheck exists from GitLab 17.7; this instance is " + version.get());
        }
        Optional<String> unusable = unusable(gitlab, Identity.ADMIN);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        Optional<Condition> gatewayDown = rules.firstBroken(this, upstream::gatewayServes);
        if (gatewayDown.isPresent()) {
            return gatewayDown.get();
        }
        GraphQlAnswer answer = gitlab.connectionCheck(model, family);
        JsonNode result = answer.data().path("aiSelfHostedModelConnectionCheck").path("result");
        if (answer.notPermitted()) {
            Optional<String> noApiScope = MutationScope.missing(Identity.ADMIN.key(), Identity.ADMIN.description(),
                    gitlab.tokenScopes(Identity.ADMIN), "aiSelfHostedModelConnectionCheck");
            if (noApiScope.isPresent()) {
                return Condition.unknown(noApiScope.get());
            }
            Condition entitlement = upstream.entitlement();
            return entitlement.isBroken() ? entitlement : Condition.unknown("GitLab refused the connection check: " + answer.outcome());
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
        Optional<Condition> rootCause = rules.firstBroken(this, upstream::gatewayUrl, upstream::gatewayServes, upstream::hostProbe, upstream::directAccess);
        if (rootCause.isPresent()) {
            return rootCause.get();
        }
        if (message.contains("returned code 422")) {
            return broken(Sections.AIGW_REQUESTS_MODEL, "invalid-model", checked, expected, message);
        }
        Condition modelAnswers = upstream.modelAnswers(model);
        if (modelAnswers.isBroken()) {
            return modelAnswers;
        }
        if (ConnectionCheckTimeout.isTimeout(message) && model.hasOpenAiCompatibleEndpoint()) {
            java.time.Duration measured = rules.get(ModelAnswers.class).direct(model).elapsed();
            return broken(Sections.AIGW_REQUESTS_MODEL, ConnectionCheckTimeout.modelSlowerThanLimit(measured) ? "slower-than-gitlab-timeout"
                    : "model-call-failed", checked, expected, ConnectionCheckTimeout.explain(message, measured));
        }
        boolean gatewayFailed = message.contains("AI Gateway returned code") || message.contains("Unknown error")
                || message.contains("could not connect to the model");
        return broken(Sections.AIGW_REQUESTS_MODEL, gatewayFailed ? "model-call-failed" : "connection-check-failed", checked, expected,
                "success: false, \"" + message + "\"" + (model.hasOpenAiCompatibleEndpoint()
                        ? " — while the model server answers this runner directly" : ""));
    }

    /**
     * GitLab's connection check for a model of the environment file, sent through the AI gateway, succeeded: its message;
     * empty when it failed or could not be sent. A raw reading, judged by nothing upstream: the model's own section asks
     * it when this runner cannot reach the model (the runner's vantage is not the gateway's).
     */
    public Optional<String> reachedTheModel(Environment.Model model) {
        String family = model.family().toUpperCase(Locale.ROOT);
        Optional<GitLabVersion> version = gitlab.instanceVersion();
        if (!ACCEPTED_FAMILIES.contains(family) || version.isEmpty() || version.get().isBefore(CONNECTION_CHECK)
                || unusable(gitlab, Identity.ADMIN).isPresent()) {
            return Optional.empty();
        }
        JsonNode result = gitlab.connectionCheck(model, family).data().path("aiSelfHostedModelConnectionCheck").path("result");
        return result.path("success").asBoolean(false) ? Optional.of(result.path("message").asText()) : Optional.empty();
    }
}
