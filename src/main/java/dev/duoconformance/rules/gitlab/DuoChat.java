package dev.duoconformance.rules.gitlab;

import dev.duoconformance.catalogue.Shown;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.upstream.ChatErrors;
import java.util.Optional;

/**
 * Section duo-chat, opt-in ({@code -Dchat=true}): GitLab Duo Chat answers one question without an error code. An A1000
 * in the answer is error-a1000's; the other codes (A1001, A9999, M3006…) are this section's.
 */
public final class DuoChat implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.DUO_CHAT, Sections.AIGW_URL, Sections.GITLAB_REACHES_AIGW,
            Sections.ERROR_A1000);
    private static final String EXPECTED = "an answer without an error code";

    private final Rules rules;
    private final GitLabClient gitlab;
    private final GitLabUpstream upstream;

    public DuoChat(Rules rules, GitLabClient gitlab) {
        this.rules = rules;
        this.gitlab = gitlab;
        this.upstream = new GitLabUpstream(rules);
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    /** Sends one question as the Duo user (it joins their current Duo Chat conversation) and reads its answer within a deadline. */
    public Condition answer() {
        return rules.once(this, "answer", this::answerNow);
    }

    private Condition answerNow() {
        Optional<Condition> upstreamBroken = rules.firstBroken(this, upstream::gatewayUrl, upstream::hostProbe,
                () -> rules.get(ErrorA1000.class).chatAnswer());
        if (upstreamBroken.isPresent()) {
            return upstreamBroken.get();
        }
        ChatRoundTrip.Outcome outcome = ChatRoundTrip.ask(gitlab, ChatRoundTrip.gatewayTimeout(gitlab).seconds());
        if (outcome.refused().isPresent()) {
            return failed(outcome, "GitLab refused the question: " + outcome.refused().get());
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
