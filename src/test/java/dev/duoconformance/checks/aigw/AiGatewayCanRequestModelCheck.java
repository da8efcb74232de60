package dev.duoconformance.checks.aigw;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.junit.ModelUnderCheck;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;

@DocSection("ai-gateway-can-request-model")
@Tag("aigw")
@Tag("ai-gateway-can-request-model")
class AiGatewayCanRequestModelCheck {
    @ForEachModel
    void gatewayGetsAnAnswerFromTheModel(ModelUnderCheck model, SectionCheck check) {
        check.judge(model);
    }

    @ForEachModel
    void gitlabConnectionCheckSucceeds(ModelUnderCheck model, SectionCheck check) {
        check.judge(model);
    }
}
