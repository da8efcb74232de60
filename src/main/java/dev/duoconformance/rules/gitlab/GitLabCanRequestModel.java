package dev.duoconformance.rules.gitlab;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.RateLimits;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.aigw.AiGatewayCanProcessRequests;
import dev.duoconformance.rules.aigw.AiGatewayCanRequestModel;
import dev.duoconformance.rules.model.ModelReachableFromAiGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Section gitlab-can-request-model: a Code Suggestions completion through GitLab returns text (GitLab, AI gateway, model). */
public final class GitLabCanRequestModel {
    /** A Code Suggestions completion through GitLab returns text: GitLab → AI gateway → model. */
    public static final Check<GitLabCanRequestModel> COMPLETION = Check.of(
            "completionReturnsASuggestion",
            "POST /api/v4/code_suggestions/completions returns a suggestion from the model",
            Gate.gitlab("POST /api/v4/code_suggestions/completions", Identity.USER),
            GitLabCanRequestModel::completion);

    public static final Declaration<GitLabCanRequestModel> SECTION = Declaration.of(
                    Sections.GITLAB_REQUESTS_MODEL, GitLabCanRequestModel::new)
            .dependsOn(
                    Sections.AIGW_URL,
                    Sections.SELF_HOSTED_MODELS,
                    Sections.USER_CAN_REQUEST,
                    Sections.AIGW_PROCESSES_REQUESTS,
                    Sections.GITLAB_REACHES_AIGW,
                    Sections.MODEL_REACHABLE,
                    Sections.AIGW_REQUESTS_MODEL)
            .checks(COMPLETION);

    private final Probes probes;
    private final Environment environment;
    private final GitLabClient gitlab;

    private GitLabCanRequestModel(Probes probes) {
        this.probes = probes;
        this.environment = probes.environment();
        this.gitlab = probes.gitlab();
    }

    private Condition completion() {
        gitlab.startCodeSuggestionsRequests(); // while the gateway's health check is awaited
        Optional<Condition> gatewayDown = probes.firstBroken(() -> probes.outcome(AiGatewayCanProcessRequests.SERVES));
        if (gatewayDown.isPresent()) {
            return gatewayDown.get();
        }
        Exchange completion = gitlab.completion();
        String expected = "HTTP 200 with a non-empty choices[0].text";
        if (!completion.answered()) {
            return Condition.unknown("GitLab did not answer " + completion.request() + ": " + completion.outcome());
        }
        Optional<String> rateLimited = RateLimits.completionRateLimited(completion);
        if (rateLimited.isPresent()) {
            return Condition.unknown(rateLimited.get());
        }
        if (completion.header(MONOLITH).isPresent()) {
            return refusedByGitLab(completion);
        }
        if (completion.status() == 200) {
            String text = completion
                    .json()
                    .map(j -> j.path("choices").path(0).path("text").asText(""))
                    .orElse("");
            return text.isBlank()
                    ? broken(
                            Sections.GITLAB_REQUESTS_MODEL,
                            "empty-suggestion",
                            completion.request(),
                            expected,
                            completion.outcome())
                    : Condition.holds();
        }
        List<Supplier<Condition>> suspects = new ArrayList<>(List.of(
                () -> probes.outcome(AiGatewayUrl.GATEWAY_URL),
                () -> probes.outcome(InstanceUsesSelfHostedModels.SELF_HOSTED_CONFIGURATION),
                () -> probes.outcome(AiGatewayCanProcessRequests.SERVES),
                () -> probes.outcome(GitLabCanReachAiGateway.HOST_PROBE)));
        if (!DirectAccess.connectionsDisabled(gitlab.directAccess())) {
            suspects.add(() -> probes.outcome(
                    GitLabCanReachAiGateway
                            .DIRECT_ACCESS)); // with indirect connections, direct_access is proved by this very
            // completion
        }
        completionModel().ifPresent(model -> {
            suspects.add(() -> probes.outcome(ModelReachableFromAiGateway.ANSWERS, model));
            suspects.add(() -> probes.outcome(AiGatewayCanRequestModel.CONNECTION_CHECK, model));
        });
        return probes.blame(
                failure(
                        Sections.GITLAB_REQUESTS_MODEL,
                        "ai-gateway-path",
                        completion.request(),
                        expected,
                        completion.outcome()
                                + " (without X-GitLab-Error-Origin: the answer came from the AI gateway or the path to it)"),
                suspects);
    }

    /** A refusal GitLab itself answered ({@code X-GitLab-Error-Origin: monolith}) to a Code Suggestions request. */
    Condition refusedByGitLab(Exchange exchange) {
        String butWas = exchange.outcome() + " with X-GitLab-Error-Origin: "
                + exchange.header(MONOLITH).orElse("");
        if (exchange.status() == 404) {
            return broken(
                    Sections.GITLAB_REQUESTS_MODEL,
                    "code-suggestions-switched-off",
                    exchange.request(),
                    "Code Suggestions switched on (ops flag ai_duo_code_suggestions_switch)",
                    butWas);
        }
        return probes.blame(
                failure(
                        Sections.GITLAB_REQUESTS_MODEL,
                        "user-has-no-access",
                        exchange.request(),
                        "HTTP 200: GitLab lets the user request Code Suggestions",
                        butWas),
                () -> probes.outcome(InstanceUsesSelfHostedModels.SELF_HOSTED_CONFIGURATION),
                () -> probes.outcome(UserCanRequestCodeSuggestions.USER_ACCESS));
    }

    Optional<Environment.Model> completionModel() {
        return environment.models().stream()
                .filter(m -> m.features().contains("code_completions"))
                .findFirst();
    }
}
