package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.junit.ModelUnderCheck;
import dev.duoconformance.junit.ModelsUnderCheck;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.model.ModelAnswers;
import dev.duoconformance.rules.runtime.ModelReachableFromAiGateway;
import dev.duoconformance.runtime.GatewayRuntime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@DocSection("model-reachable-from-ai-gateway")
@Tag("runtime")
@Tag("model")
@Tag("model-reachable-from-ai-gateway")
class ModelReachableFromAiGatewayCheck {

    @ForEachModel(ModelsUnderCheck.Kind.OPENAI_COMPATIBLE)
    @DisplayName("The model server lists its models and answers a chat completion (from this runner)")
    void modelServerAnswers(ModelUnderCheck model, Rules rules, Verdict verdict) {
        verdict.require(rules.get(ModelAnswers.class).answers(model.get()));
    }

    @ForEachModel(ModelsUnderCheck.Kind.OPENAI_COMPATIBLE)
    @DisplayName("The model server answers GET <endpoint>/models from inside the AI gateway container as it does from this runner")
    void modelServerAnswersInsideTheContainer(ModelUnderCheck modelUnderCheck, GatewayRuntime runtime, Rules rules, Verdict verdict) {
        verdict.require(rules.get(ModelReachableFromAiGateway.class).answersInsideTheContainer(modelUnderCheck.get()));
    }
}
