package dev.duoconformance.checks.gitlab;

import dev.duoconformance.config.Environment;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.junit.ModelUnderCheck;
import dev.duoconformance.junit.ModelsUnderCheck;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.model.ModelAnswers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@DocSection("bedrock-model-id")
@Tag("gitlab")
@Tag("model")
@Tag("bedrock-model-id")
@DisplayName("Error: Invocation of model ID meta isn't supported")
class BedrockModelIdCheck {

    @ForEachModel(ModelsUnderCheck.Kind.BEDROCK)
    @DisplayName("The Bedrock identifier names a region-prefixed inference profile")
    void identifierHasRegionPrefix(ModelUnderCheck modelUnderCheck, Verdict verdict) {
        Environment.Model model = modelUnderCheck.get();
        String identifier = model.identifier().orElseThrow();
        if (!ModelAnswers.hasRegionPrefix(identifier)) {
            throw verdict.failed("missing-region-prefix", "identifier of model '" + model.name() + "'",
                    "bedrock/{region}.{model-id}, for example bedrock/us.meta.llama3-3-70b-instruct-v1:0", identifier);
        }
    }
}
