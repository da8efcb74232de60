package dev.duoconformance.checks.gitlab;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;
import static dev.duoconformance.http.GitLabClient.Identity.USER;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.OptIn;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.AiGatewayUrl;
import dev.duoconformance.rules.gitlab.GitLabCanReachAiGateway;
import dev.duoconformance.rules.gitlab.UserCanRequestCodeSuggestions;
import dev.duoconformance.upstream.ChatErrors;
import dev.duoconformance.upstream.ConnectionCheckTimeout;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("error-a1000")
@Tag("gitlab")
@Tag("model")
@Tag("error-a1000")
@DisplayName("Error A1000")
class ErrorA1000Check {

    @Test
    @GitLabApi(value = "duoSettings.aiGatewayTimeoutSeconds", since = "18.7", needs = ADMIN)
    @DisplayName("The chat models answer a short prompt within GitLab's AI gateway request timeout")
    void chatModelsAnswerWithinTheTimeout(GitLabClient gitlab, Rules rules, Environment environment,
                                         ModelServerClient modelServer, Verdict verdict) {
        GraphQlAnswer answer = gitlab.gatewayTimeout();
        JsonNode seconds = answer.data().path("duoSettings").path("aiGatewayTimeoutSeconds");
        if (!seconds.isInt()) {
            verdict.blockIf(rules.get(UserCanRequestCodeSuggestions.class).entitlement());
            throw verdict.notChecked("duoSettings.aiGatewayTimeoutSeconds could not be read: " + answer.outcome());
        }
        Duration timeout = Duration.ofSeconds(seconds.asInt());
        Duration slowest = Duration.ZERO;
        for (Environment.Model model : environment.models()) {
            if (!model.hasOpenAiCompatibleEndpoint() || model.features().stream().noneMatch(f -> f.startsWith("duo_chat"))) {
                continue;
            }
            Exchange direct = modelServer.chatCompletion(model);
            if (ModelServerClient.answerOf(direct).isPresent() && direct.elapsed().compareTo(timeout) >= 0) {
                throw verdict.failed("timeout", direct.request(), "an answer within " + timeout.toSeconds()
                        + " s (duoSettings.aiGatewayTimeoutSeconds)", "the model took " + ConnectionCheckTimeout.seconds(direct.elapsed())
                        + " s for a 16-token answer");
            }
            slowest = direct.elapsed().compareTo(slowest) > 0 ? direct.elapsed() : slowest;
        }
        throw verdict.notChecked("A1000 shows only in a Duo Chat answer; GitLab waits " + timeout.toSeconds() + " s for the AI gateway"
                + (slowest.isZero() ? "" : " and the model answered a short prompt in " + ConnectionCheckTimeout.seconds(slowest) + " s")
                + ". Run with -Dchat=true to send one Duo Chat question.");
    }

    @Test
    @OptIn(parameter = "chat", runs = "one GitLab Duo Chat question as the Duo user (aiAction chat \"" + GitLabClient.CHAT_QUESTION_TEXT
            + "\", then aiMessages), which stores a new chat thread with two messages on the instance")
    @GitLabApi(value = "aiAction chat", needs = USER)
    @DisplayName("GitLab Duo Chat's answer carries no A1000 (the AI gateway request timed out)")
    void chatAnswerIsNotATimeout(GitLabClient gitlab, Rules rules, Verdict verdict) {
        verdict.blockIf(rules.get(AiGatewayUrl.class).gatewayUrl());
        verdict.blockIf(rules.get(GitLabCanReachAiGateway.class).hostProbe());
        int seconds = ChatRoundTrip.gatewayTimeoutSeconds(gitlab);
        ChatRoundTrip.Outcome outcome = ChatRoundTrip.ask(gitlab, seconds);
        if (!outcome.answered()) {
            throw verdict.notChecked("the Duo Chat question got no answer (see duo-chat): " + outcome.refused().orElse("no answer within "
                    + outcome.deadline().toSeconds() + " s"));
        }
        for (String error : outcome.errors()) {
            if (ChatErrors.isTimeout(error)) {
                throw verdict.failed("timeout", outcome.request(), "an answer within the AI gateway request timeout "
                        + "(duoSettings.aiGatewayTimeoutSeconds = " + seconds + " s)", "\"" + error + "\"");
            }
        }
        verdict.note("AI gateway request timeout " + seconds + " s; Duo Chat answered without A1000");
    }
}
