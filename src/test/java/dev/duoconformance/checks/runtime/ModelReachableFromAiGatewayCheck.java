package dev.duoconformance.checks.runtime;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.ChatAnswer;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.junit.ModelUnderCheck;
import dev.duoconformance.junit.ModelsUnderCheck;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayRuntime;
import java.net.URI;
import java.util.Optional;
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
    void modelServerAnswersInsideTheContainer(ModelUnderCheck modelUnderCheck, Environment environment, GatewayRuntime runtime,
                                              ModelServerClient modelServer, Verdict verdict) {
        Environment.Model model = modelUnderCheck.get();
        URI models = URI.create(model.endpoint().orElseThrow().toString().replaceAll("/+$", "") + "/models");
        Optional<String> authorization = model.apiKey().isPresent() ? Optional.of("Bearer " + model.apiKey().reveal()) : Optional.empty();
        GatewayContainer.judgeEach(runtime, verdict, instance -> {
            ContainerInfo container = GatewayContainer.running(instance, verdict);
            if (GatewayContainer.localhostModels(environment, instance).contains(model)) {
                throw verdict.blockedBy(Sections.LLM_SERVER_IN_CONTAINER, model.endpoint().orElseThrow()
                        + " is the container itself in " + instance.where() + " (" + instance.network() + ")");
            }
            Exchange inside = verdict.usable(instance.get(models, authorization).orElseThrow(verdict::notChecked));
            if (inside.answered() && inside.status() == 200) {
                return Optional.empty();
            }
            Exchange outside = modelServer.models(model);
            String expected = outside.answered() ? "HTTP " + outside.status() + ", as this runner gets from " + outside.request()
                    : "HTTP 200 {\"object\":\"list\",\"data\":[…]}";
            if (!inside.answered()) {
                return Optional.of(new GatewayContainer.Problem(outside.answered() ? "unreachable-from-container" : "unreachable",
                        inside.request(), expected + proxyHint(container), inside.outcome()));
            }
            if (outside.answered() && outside.status() != inside.status()) {
                return Optional.of(new GatewayContainer.Problem("unreachable-from-container", inside.request(), expected
                        + " (something between the container and the model answers instead)" + proxyHint(container), inside.outcome()));
            }
            verdict.note("from inside " + instance.where() + " the model server answers HTTP " + inside.status()
                    + (outside.answered() ? ", as it does from this runner (the other check of this section judges the answer)" : ""));
            return Optional.empty();
        });
    }

    private static String proxyHint(ContainerInfo container) {
        String proxies = container.env().keySet().stream().filter(n -> n.matches("(?i)https?_proxy|all_proxy|no_proxy")).sorted()
                .reduce((a, b) -> a + ", " + b).orElse("");
        return proxies.isEmpty() ? "" : "; the container sets " + proxies;
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
