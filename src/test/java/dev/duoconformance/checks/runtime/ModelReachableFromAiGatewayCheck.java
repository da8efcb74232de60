package dev.duoconformance.checks.runtime;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.ChatAnswer;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.junit.ModelUnderCheck;
import dev.duoconformance.junit.ModelsUnderCheck;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.runtime.ModelReachableFromAiGateway;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.runtime.GatewayRuntime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@DocSection("model-reachable-from-ai-gateway")
@Tag("runtime")
@Tag("model")
@Tag("model-reachable-from-ai-gateway")
@DisplayName("Check if the model is reachable from AI gateway")
class ModelReachableFromAiGatewayCheck {

    @ForEachModel(ModelsUnderCheck.Kind.OPENAI_COMPATIBLE)
    @DisplayName("The model server lists its models and answers a chat completion (from this runner)")
    void modelServerAnswers(ModelUnderCheck modelUnderCheck, ModelServerClient modelServer, Verdict verdict) {
        Environment.Model model = modelUnderCheck.get();
        Exchange models = verdict.usable(modelServer.models(model));
        judge(model, models, "HTTP 200 {\"object\":\"list\",\"data\":[…]}", verdict);
        if (!models.json().map(j -> j.path("data").isArray()).orElse(false)) {
            throw verdict.failed("bad-response", models, "HTTP 200 {\"object\":\"list\",\"data\":[…]}");
        }
        Exchange chat = verdict.usable(modelServer.chatCompletion(model));
        String expected = "HTTP 200 with choices[0].message.content";
        judge(model, chat, expected, verdict);
        if (ModelServerClient.answerOf(chat).isEmpty()) {
            throw verdict.failed("bad-response", chat, expected);
        }
        chat.json().flatMap(ChatAnswer::of).filter(ChatAnswer::reasoningOnly).ifPresent(answer -> verdict.note(answer.note(16)));
    }

    @ForEachModel(ModelsUnderCheck.Kind.OPENAI_COMPATIBLE)
    @DisplayName("The model server answers GET <endpoint>/models from inside the AI gateway container as it does from this runner")
    void modelServerAnswersInsideTheContainer(ModelUnderCheck modelUnderCheck, GatewayRuntime runtime, Rules rules, Verdict verdict) {
        verdict.require(rules.get(ModelReachableFromAiGateway.class).answersInsideTheContainer(modelUnderCheck.get()));
    }

    private static void judge(Environment.Model model, Exchange exchange, String expected, Verdict verdict) {
        if (!exchange.answered()) {
            throw verdict.failed("unreachable", exchange, expected);
        }
        if (exchange.status() == 404) {
            throw verdict.blockedBy(Sections.VLLM_404, exchange.request() + ": " + exchange.outcome()
                    + (model.endpointEndsWithV1() ? "" : " (the endpoint lacks /v1)"));
        }
        if (exchange.status() == 401 || exchange.status() == 403) {
            throw verdict.failed("unauthorized", exchange, expected + " (with api_key " + (model.apiKey().isPresent() ? "set" : "not set") + ")");
        }
        if (exchange.status() != 200) {
            throw verdict.failed("bad-response", exchange, expected);
        }
    }
}
