package dev.duoconformance.rules.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.upstream.ChatErrors;
import dev.duoconformance.upstream.ConnectionCheckTimeout;
import dev.duoconformance.upstream.GatewayTimeout;
import java.time.Duration;
import java.util.Optional;

/**
 * Section error-a1000: GitLab gave up waiting for the AI gateway ({@code duoSettings.aiGatewayTimeoutSeconds}, 18.7+).
 * Without sending a chat question, the suite compares the chat models' answer time with that timeout; with the
 * {@code -Dchat=true} opt-in, it looks for A1000 in a real Duo Chat answer.
 */
public final class ErrorA1000 implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.ERROR_A1000, Sections.USER_CAN_REQUEST, Sections.AIGW_URL,
            Sections.GITLAB_REACHES_AIGW);

    private final Rules rules;
    private final Environment environment;
    private final GitLabClient gitlab;
    private final ModelServerClient modelServer;
    private final GitLabUpstream upstream;

    public ErrorA1000(Rules rules, Environment environment, GitLabClient gitlab, ModelServerClient modelServer) {
        this.rules = rules;
        this.environment = environment;
        this.gitlab = gitlab;
        this.modelServer = modelServer;
        this.upstream = new GitLabUpstream(rules);
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    /**
     * The chat models answer a short prompt within GitLab's AI gateway request timeout. Even when they do, the section
     * stays not checked: A1000 shows only in a Duo Chat answer.
     */
    public Condition modelLatency() {
        return rules.once(this, "modelLatency", this::modelLatencyNow);
    }

    private Condition modelLatencyNow() {
        GraphQlAnswer answer = gitlab.gatewayTimeout();
        JsonNode seconds = answer.data().path("duoSettings").path("aiGatewayTimeoutSeconds");
        if (!seconds.isIntegralNumber() || !seconds.canConvertToLong()) {
            return rules.firstBroken(this, upstream::entitlement)
                    .orElseGet(() -> Condition.unknown("duoSettings.aiGatewayTimeoutSeconds could not be read: " + answer.outcome()));
        }
        GatewayTimeout setting = GatewayTimeout.reported(seconds.asLong());
        Duration timeout = Duration.ofSeconds(setting.seconds());
        Duration slowest = Duration.ZERO;
        for (Environment.Model model : environment.models()) {
            if (!model.hasOpenAiCompatibleEndpoint() || model.features().stream().noneMatch(f -> f.startsWith("duo_chat"))) {
                continue;
            }
            Exchange direct = modelServer.chatCompletion(model);
            if (ModelServerClient.answerOf(direct).isPresent() && direct.elapsed().compareTo(timeout) >= 0) {
                return Condition.broken(new Failure(Sections.ERROR_A1000, "timeout", direct.request(), "an answer within "
                        + setting.shown() + " (duoSettings.aiGatewayTimeoutSeconds)", "the model took "
                        + ConnectionCheckTimeout.seconds(direct.elapsed()) + " s for a 16-token answer"));
            }
            slowest = direct.elapsed().compareTo(slowest) > 0 ? direct.elapsed() : slowest;
        }
        return Condition.unknown("A1000 shows only in a Duo Chat answer; GitLab waits " + setting.shown() + " for the AI gateway"
                + (slowest.isZero() ? "" : " and the model answered a short prompt in " + ConnectionCheckTimeout.seconds(slowest) + " s")
                + ". Run with -Dchat=true to send one Duo Chat question.");
    }

    /** Opt-in: GitLab Duo Chat's answer to one question carries no A1000. Sends the question (it joins the Duo user's current Duo Chat conversation). */
    public Condition chatAnswer() {
        return rules.once(this, "chatAnswer", this::chatAnswerNow);
    }

    private Condition chatAnswerNow() {
        Optional<Condition> upstreamBroken = rules.firstBroken(this, upstream::gatewayUrl, upstream::hostProbe);
        if (upstreamBroken.isPresent()) {
            return upstreamBroken.get();
        }
        GatewayTimeout timeout = ChatRoundTrip.gatewayTimeout(gitlab);
        ChatRoundTrip.Outcome outcome = ChatRoundTrip.ask(gitlab, timeout.seconds());
        if (!outcome.answered()) {
            return Condition.unknown("the Duo Chat question got no answer (see duo-chat): " + outcome.refused().orElse("no answer within "
                    + outcome.deadline().toSeconds() + " s"));
        }
        for (String error : outcome.errors()) {
            if (ChatErrors.isTimeout(error)) {
                return Condition.broken(new Failure(Sections.ERROR_A1000, "timeout", outcome.request(), "an answer within the AI gateway "
                        + "request timeout (duoSettings.aiGatewayTimeoutSeconds = " + timeout.shown() + ")", "\"" + error + "\""));
            }
        }
        return Condition.holdsBecause("AI gateway request timeout " + timeout.shown() + "; Duo Chat answered without A1000");
    }
}
