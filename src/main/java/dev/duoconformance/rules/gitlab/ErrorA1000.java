package dev.duoconformance.rules.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.behaviour.ChatErrors;
import dev.duoconformance.behaviour.ConnectionCheckTimeout;
import dev.duoconformance.behaviour.GatewayTimeout;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import java.time.Duration;
import java.util.Optional;

/**
 * Section error-a1000: GitLab gave up waiting for the AI gateway ({@code duoSettings.aiGatewayTimeoutSeconds}, 18.7+).
 * Without sending a chat question, the suite compares the chat models' answer time with that timeout; with the
 * {@code -Dchat=true} opt-in, it looks for A1000 in a real Duo Chat answer.
 */
public final class ErrorA1000 {
    /**
     * The chat models answer a short prompt within GitLab's AI gateway request timeout. Even when they do, the section
     * stays not checked: A1000 shows only in a Duo Chat answer.
     */
    public static final Check<ErrorA1000> MODEL_LATENCY = Check.of(
            "chatModelsAnswerWithinTheTimeout",
            "The chat models answer a short prompt within GitLab's AI gateway request timeout",
            Gate.gitlab("duoSettings.aiGatewayTimeoutSeconds", Identity.ADMIN).since("18.7"),
            ErrorA1000::modelLatency);
    /** Opt-in: GitLab Duo Chat's answer to one question carries no A1000. Sends the question (it joins the Duo user's current Duo Chat conversation). */
    public static final Check<ErrorA1000> CHAT_ANSWER = Check.of(
            "chatAnswerIsNotATimeout",
            "GitLab Duo Chat's answer carries no A1000 (the AI gateway request timed out)",
            Gate.gitlab("aiAction chat", Identity.USER).optIn("chat", GitLabClient.CHAT_OPT_IN),
            ErrorA1000::chatAnswer);

    public static final Declaration<ErrorA1000> SECTION = Declaration.of(Sections.ERROR_A1000, ErrorA1000::new)
            .dependsOn(Sections.USER_CAN_REQUEST, Sections.AIGW_URL, Sections.GITLAB_REACHES_AIGW)
            .checks(MODEL_LATENCY, CHAT_ANSWER);

    private final Probes probes;
    private final Environment environment;
    private final GitLabClient gitlab;
    private final ModelServerClient modelServer;

    private ErrorA1000(Probes probes) {
        this.probes = probes;
        this.environment = probes.environment();
        this.gitlab = probes.gitlab();
        this.modelServer = probes.modelServers();
    }

    private Condition modelLatency() {
        GraphQlAnswer answer = gitlab.gatewayTimeout();
        JsonNode seconds = answer.data().path("duoSettings").path("aiGatewayTimeoutSeconds");
        if (!seconds.isIntegralNumber() || !seconds.canConvertToLong()) {
            return probes.firstBroken(() -> probes.outcome(UserCanRequestCodeSuggestions.ENTITLEMENT))
                    .orElseGet(() -> Condition.unknown(
                            "duoSettings.aiGatewayTimeoutSeconds could not be read: " + answer.outcome()));
        }
        GatewayTimeout setting = GatewayTimeout.reported(seconds.asLong());
        Duration timeout = Duration.ofSeconds(setting.seconds());
        Duration slowest = Duration.ZERO;
        for (Environment.Model model : environment.models()) {
            if (!model.hasOpenAiCompatibleEndpoint()
                    || model.features().stream().noneMatch(f -> f.startsWith("duo_chat"))) {
                continue;
            }
            Exchange direct = modelServer.chatCompletion(model);
            if (ModelServerClient.answerOf(direct).isPresent()
                    && direct.elapsed().compareTo(timeout) >= 0) {
                return Condition.broken(new Failure(
                        Sections.ERROR_A1000,
                        "timeout",
                        direct.request(),
                        "an answer within " + setting.shown() + " (duoSettings.aiGatewayTimeoutSeconds)",
                        "the model took " + ConnectionCheckTimeout.seconds(direct.elapsed())
                                + " s for a 16-token answer"));
            }
            slowest = direct.elapsed().compareTo(slowest) > 0 ? direct.elapsed() : slowest;
        }
        return Condition.unknown("A1000 shows only in a Duo Chat answer; GitLab waits " + setting.shown()
                + " for the AI gateway"
                + (slowest.isZero()
                        ? ""
                        : " and the model answered a short prompt in " + ConnectionCheckTimeout.seconds(slowest) + " s")
                + ". Run with -Dchat=true to send one Duo Chat question.");
    }

    private Condition chatAnswer() {
        Optional<Condition> upstreamBroken = probes.firstBroken(
                () -> probes.outcome(AiGatewayUrl.GATEWAY_URL),
                () -> probes.outcome(GitLabCanReachAiGateway.HOST_PROBE));
        if (upstreamBroken.isPresent()) {
            return upstreamBroken.get();
        }
        GatewayTimeout timeout = ChatRoundTrip.gatewayTimeout(gitlab);
        ChatRoundTrip.Outcome outcome = ChatRoundTrip.ask(gitlab, timeout.seconds());
        if (!outcome.answered()) {
            return Condition.unknown("the Duo Chat question got no answer (see duo-chat): "
                    + outcome.refused()
                            .orElse("no answer within " + outcome.deadline().toSeconds() + " s"));
        }
        for (String error : outcome.errors()) {
            if (ChatErrors.isTimeout(error)) {
                return Condition.broken(new Failure(
                        Sections.ERROR_A1000,
                        "timeout",
                        outcome.request(),
                        "an answer within the AI gateway " + "request timeout (duoSettings.aiGatewayTimeoutSeconds = "
                                + timeout.shown() + ")",
                        "\"" + error + "\""));
            }
        }
        return Condition.holdsBecause(
                "AI gateway request timeout " + timeout.shown() + "; Duo Chat answered without A1000");
    }
}
