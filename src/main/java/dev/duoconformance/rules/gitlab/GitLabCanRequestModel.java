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
import dev.duoconformance.rules.RateLimits;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

/** Section gitlab-can-request-model: a Code Suggestions completion through GitLab returns text (GitLab, AI gateway, model). */
public final class GitLabCanRequestModel implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.GITLAB_REQUESTS_MODEL, Sections.AIGW_URL,
            Sections.SELF_HOSTED_MODELS, Sections.USER_CAN_REQUEST, Sections.TLS, Sections.AIGW_PROCESSES_REQUESTS,
            Sections.GITLAB_REACHES_AIGW, Sections.BEDROCK_MODEL_ID, Sections.VLLM_404, Sections.MODEL_REACHABLE,
            Sections.AIGW_REQUESTS_MODEL);

    private final Rules rules;
    private final Environment environment;
    private final GitLabClient gitlab;
    private final GitLabUpstream upstream;

    public GitLabCanRequestModel(Rules rules, Environment environment, GitLabClient gitlab) {
        this.rules = rules;
        this.environment = environment;
        this.gitlab = gitlab;
        this.upstream = new GitLabUpstream(rules);
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    /** A Code Suggestions completion through GitLab returns text: GitLab → AI gateway → model. */
    public Condition completion() {
        return rules.once(this, "completion", () -> completionNow());
    }

    private Condition completionNow() {
        Optional<String> unusable = unusable(gitlab, Identity.USER);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        gitlab.startCodeSuggestionsRequests(); // while the gateway's health check is awaited
        Optional<Condition> gatewayDown = rules.firstBroken(this, upstream::gatewayServes);
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
            String text = completion.json().map(j -> j.path("choices").path(0).path("text").asText("")).orElse("");
            return text.isBlank() ? broken(Sections.GITLAB_REQUESTS_MODEL, "empty-suggestion", completion.request(), expected, completion.outcome())
                    : Condition.holds();
        }
        List<Supplier<Condition>> suspects = new ArrayList<>(List.of(upstream::gatewayUrl, upstream::selfHostedConfiguration, upstream::gatewayServes,
                upstream::hostProbe));
        if (!DirectAccess.connectionsDisabled(gitlab.directAccess())) {
            suspects.add(upstream::directAccess); // with indirect connections, direct_access is proved by this very completion
        }
        completionModel().ifPresent(model -> {
            suspects.add(() -> upstream.modelAnswers(model));
            suspects.add(() -> upstream.connectionCheck(model));
        });
        return rules.blame(this, failure(Sections.GITLAB_REQUESTS_MODEL, "ai-gateway-path", completion.request(), expected,
                completion.outcome() + " (without X-GitLab-Error-Origin: the answer came from the AI gateway or the path to it)"), suspects);
    }

    /** A refusal GitLab itself answered ({@code X-GitLab-Error-Origin: monolith}) to a Code Suggestions request. */
    Condition refusedByGitLab(Exchange exchange) {
        String butWas = exchange.outcome() + " with X-GitLab-Error-Origin: " + exchange.header(MONOLITH).orElse("");
        if (exchange.status() == 404) {
            return broken(Sections.GITLAB_REQUESTS_MODEL, "code-suggestions-switched-off", exchange.request(),
                    "Code Suggestions switched on (ops flag ai_duo_code_suggestions_switch)", butWas);
        }
        return rules.blame(this, failure(Sections.GITLAB_REQUESTS_MODEL,
                "user-has-no-access", exchange.request(), "HTTP 200: GitLab lets the user request Code Suggestions", butWas), upstream::selfHostedConfiguration, upstream::userAccess);
    }

    Optional<Environment.Model> completionModel() {
        return environment.models().stream().filter(m -> m.features().contains("code_completions")).findFirst();
    }
}
