package dev.duoconformance.checks.model;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.junit.ModelUnderCheck;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;

@DocSection("vllm-404")
@Tag("model")
@Tag("vllm-404")
class Vllm404Check {
    @ForEachModel
    void endpointEndsWithV1(ModelUnderCheck model, SectionCheck check) {
        check.judge(model);
    }

    @ForEachModel
    void servedNameIsListed(ModelUnderCheck model, SectionCheck check) {
        check.judge(model);
    }
}
