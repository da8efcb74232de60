package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.junit.ModelUnderCheck;
import dev.duoconformance.junit.ModelsUnderCheck;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.model.BedrockModelId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@DocSection("bedrock-model-id")
@Tag("gitlab")
@Tag("model")
@Tag("bedrock-model-id")
class BedrockModelIdCheck {

    @ForEachModel(ModelsUnderCheck.Kind.BEDROCK)
    @DisplayName("The Bedrock identifier names a model Bedrock serves on demand, or an inference profile where it needs one")
    void identifierHasRegionPrefix(ModelUnderCheck model, Rules rules, Verdict verdict) {
        verdict.require(rules.get(BedrockModelId.class).identifier(model.get()));
    }
}
