package dev.duoconformance.checks.gitlab;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;
import static dev.duoconformance.http.GitLabClient.Identity.USER;

import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.OptIn;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.ErrorA1000;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("error-a1000")
@Tag("gitlab")
@Tag("model")
@Tag("error-a1000")
class ErrorA1000Check {

    @Test
    @GitLabApi(value = "duoSettings.aiGatewayTimeoutSeconds", since = "18.7", needs = ADMIN)
    @DisplayName("The chat models answer a short prompt within GitLab's AI gateway request timeout")
    void chatModelsAnswerWithinTheTimeout(Rules rules, Verdict verdict) {
        verdict.require(rules.get(ErrorA1000.class).modelLatency());
    }

    @Test
    @OptIn(parameter = "chat", runs = GitLabClient.CHAT_OPT_IN)
    @GitLabApi(value = "aiAction chat", needs = USER)
    @DisplayName("GitLab Duo Chat's answer carries no A1000 (the AI gateway request timed out)")
    void chatAnswerIsNotATimeout(Rules rules, Verdict verdict) {
        verdict.require(rules.get(ErrorA1000.class).chatAnswer());
    }
}
