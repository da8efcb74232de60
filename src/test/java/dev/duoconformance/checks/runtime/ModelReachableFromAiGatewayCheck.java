package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.junit.ModelUnderCheck;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;

@DocSection("model-reachable-from-ai-gateway")
@Tag("runtime")
@Tag("model")
@Tag("model-reachable-from-ai-gateway")
class ModelReachableFromAiGatewayCheck {
    @ForEachModel
    void modelServerAnswers(ModelUnderCheck model, SectionCheck check) {
        check.judge(model);
    }

    @ForEachModel
    void modelServerAnswersInsideTheContainer(ModelUnderCheck model, SectionCheck check) {
        check.judge(model);
    }
}
