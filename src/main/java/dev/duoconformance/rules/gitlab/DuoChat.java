package dev.duoconformance.rules.gitlab;

import dev.duoconformance.behaviour.ChatErrors;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.catalogue.Shown;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import java.util.Optional;

/**
 * Section duo-chat, opt-in ({@code -Dchat=true}): GitLab Duo Chat answers one question without an error code. An A1000
 * in the answer is error-a1000's; the other codes (A1001, A9999, M3006…) are this section's.
 */
public final class DuoChat {
    /** Sends one question as the Duo user (it joins their current Duo Chat conversation) and reads its answer within a deadline. */
    public static final Check<DuoChat> ANSWER = Check.of(
            "chatAnswers",
            "GitLab Duo Chat answers one question without an error code",
            Gate.gitlab("aiAction chat", Identity.USER).optIn("chat", GitLabClient.CHAT_OPT_IN),
            DuoChat::answer);

    public static final Declaration<DuoChat> SECTION = Declaration.of(Sections.DUO_CHAT, DuoChat::new)
            .dependsOn(Sections.AIGW_URL, Sections.GITLAB_REACHES_AIGW, Sections.ERROR_A1000)
            .checks(ANSWER);
    private static final String EXPECTED = "an answer without an error code";

    private final Probes probes;
    private final GitLabClient gitlab;

    private DuoChat(Probes probes) {
        this.probes = probes;
        this.gitlab = probes.gitlab();
    }

    private Condition answer() {
        Optional<Condition> upstreamBroken = probes.firstBroken(
                () -> probes.outcome(AiGatewayUrl.GATEWAY_URL),
                () -> probes.outcome(GitLabCanReachAiGateway.HOST_PROBE),
                () -> probes.outcome(ErrorA1000.CHAT_ANSWER));
        if (upstreamBroken.isPresent()) {
            return upstreamBroken.get();
        }
        ChatRoundTrip.Outcome outcome =
                ChatRoundTrip.ask(gitlab, ChatRoundTrip.gatewayTimeout(gitlab).seconds());
        if (outcome.refused().isPresent()) {
            return failed(
                    outcome, "GitLab refused the question: " + outcome.refused().get());
        }
        if (!outcome.answered()) {
            return failed(outcome, "no answer within " + outcome.deadline().toSeconds() + " s");
        }
        for (String error : outcome.errors()) {
            if (!ChatErrors.isTimeout(error)) {
                return failed(outcome, "error code " + ChatErrors.code(error).orElse("(none)") + ": \"" + error + "\"");
            }
        }
        String answer = outcome.answer().orElseThrow();
        if (answer.isBlank()) {
            return failed(outcome, "an empty answer");
        }
        return Condition.holdsBecause("GitLab Duo Chat answered: \"" + Shown.quote(answer, 80) + "\"");
    }

    private static Condition failed(ChatRoundTrip.Outcome outcome, String butWas) {
        return Condition.broken(new Failure(Sections.DUO_CHAT, "chat-error", outcome.request(), EXPECTED, butWas));
    }
}
