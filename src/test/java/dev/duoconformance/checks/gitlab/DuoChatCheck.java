package dev.duoconformance.checks.gitlab;

import static dev.duoconformance.http.GitLabClient.Identity.USER;

import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.OptIn;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.DuoChat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("duo-chat")
@Tag("gitlab")
@Tag("duo-chat")
class DuoChatCheck {

    @Test
    @OptIn(parameter = "chat", runs = GitLabClient.CHAT_OPT_IN)
    @GitLabApi(value = "aiAction chat", needs = USER)
    @DisplayName("GitLab Duo Chat answers one question without an error code")
    void chatAnswers(Rules rules, Verdict verdict) {
        verdict.require(rules.get(DuoChat.class).answer());
    }
}
