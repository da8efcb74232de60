package dev.duoconformance.checks.gitlab;

import static dev.duoconformance.http.GitLabClient.Identity.USER;

import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.OptIn;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.AiGatewayUrl;
import dev.duoconformance.rules.gitlab.GitLabCanReachAiGateway;
import dev.duoconformance.upstream.ChatErrors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("duo-chat")
@Tag("gitlab")
@Tag("duo-chat")
@DisplayName("Troubleshooting GitLab Duo Chat")
class DuoChatCheck {

    @Test
    @OptIn(parameter = "chat", runs = "one GitLab Duo Chat question as the Duo user (aiAction chat \"" + GitLabClient.CHAT_QUESTION_TEXT
            + "\", then aiMessages), which stores a new chat thread with two messages on the instance")
    @GitLabApi(value = "aiAction chat", needs = USER)
    @DisplayName("GitLab Duo Chat answers one question without an error code")
    void chatAnswers(GitLabClient gitlab, Rules rules, Verdict verdict) {
        verdict.blockIf(rules.get(AiGatewayUrl.class).gatewayUrl());
        verdict.blockIf(rules.get(GitLabCanReachAiGateway.class).hostProbe());
        ChatRoundTrip.Outcome outcome = ChatRoundTrip.ask(gitlab, ChatRoundTrip.gatewayTimeoutSeconds(gitlab));
        String expected = "an answer without an error code";
        if (outcome.refused().isPresent()) {
            throw verdict.failed("chat-error", outcome.request(), expected, "GitLab refused the question: " + outcome.refused().get());
        }
        if (!outcome.answered()) {
            throw verdict.failed("chat-error", outcome.request(), expected, "no answer within " + outcome.deadline().toSeconds() + " s");
        }
        for (String error : outcome.errors()) {
            if (ChatErrors.isTimeout(error)) {
                throw verdict.blockedBy(dev.duoconformance.rules.Sections.ERROR_A1000, "the answer carried \"" + error + "\"");
            }
            throw verdict.failed("chat-error", outcome.request(), expected, "error code " + ChatErrors.code(error).orElse("(none)") + ": \""
                    + error + "\"");
        }
        String answer = outcome.answer().orElseThrow();
        if (answer.isBlank()) {
            throw verdict.failed("chat-error", outcome.request(), expected, "an empty answer");
        }
        verdict.note("GitLab Duo Chat answered: \"" + (answer.length() > 80 ? answer.substring(0, 80) + "…" : answer) + "\"");
    }
}
