package dev.duoconformance.checks.model;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.junit.ModelUnderCheck;
import dev.duoconformance.junit.ModelsUnderCheck;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.model.Vllm404;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@DocSection("vllm-404")
@Tag("model")
@Tag("vllm-404")
class Vllm404Check {

    @ForEachModel(ModelsUnderCheck.Kind.VLLM)
    @DisplayName("The model endpoint ends with /v1")
    void endpointEndsWithV1(ModelUnderCheck model, Rules rules, Verdict verdict) {
        verdict.require(rules.get(Vllm404.class).endpoint(model.get()));
    }

    @ForEachModel(ModelsUnderCheck.Kind.VLLM)
    @DisplayName("The model server serves the name the AI gateway asks for")
    void servedNameIsListed(ModelUnderCheck model, Rules rules, Verdict verdict) {
        verdict.require(rules.get(Vllm404.class).servedName(model.get()));
    }
}
