package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.junit.ModelUnderCheck;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;

@DocSection("bedrock-model-id")
@Tag("gitlab")
@Tag("model")
@Tag("bedrock-model-id")
class BedrockModelIdCheck {
    @ForEachModel
    void identifierHasRegionPrefix(ModelUnderCheck model, SectionCheck check) {
        check.judge(model);
    }
}
