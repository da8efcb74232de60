package dev.duoconformance.checks.aigw;

import dev.duoconformance.http.AiGatewayClient;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.ModelUnderCheck;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.aigw.AiGatewayCanRequestModel;
import dev.duoconformance.rules.gitlab.ModelConnectionCheck;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@DocSection("ai-gateway-can-request-model")
@Tag("aigw")
@Tag("ai-gateway-can-request-model")
class AiGatewayCanRequestModelCheck {

    @ForEachModel
    @DisplayName("POST /v1/chat/agent returns the model's answer")
    void gatewayGetsAnAnswerFromTheModel(ModelUnderCheck model, AiGatewayClient aigw, Rules rules, Verdict verdict) {
        verdict.require(rules.get(AiGatewayCanRequestModel.class).chat(model.get()));
    }

    @ForEachModel
    @GitLabApi(value = "aiSelfHostedModelConnectionCheck", since = "17.7", needs = GitLabClient.Identity.ADMIN)
    @DisplayName("GitLab's model connection check (aiSelfHostedModelConnectionCheck) succeeds through the AI gateway")
    void gitlabConnectionCheckSucceeds(ModelUnderCheck model, Rules rules, Verdict verdict) {
        verdict.require(rules.get(ModelConnectionCheck.class).connectionCheck(model.get()));
    }
}
