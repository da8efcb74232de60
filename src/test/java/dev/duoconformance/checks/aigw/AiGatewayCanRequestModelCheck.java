package dev.duoconformance.checks.aigw;

import dev.duoconformance.conditions.ModelConditions;
import dev.duoconformance.conditions.GitLabConditions;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.AiGatewayClient;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.ModelUnderCheck;
import dev.duoconformance.junit.Sections;
import dev.duoconformance.junit.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@DocSection("ai-gateway-can-request-model")
@Tag("aigw")
@Tag("ai-gateway-can-request-model")
@DisplayName("Check if the AI gateway can make a request to the model")
class AiGatewayCanRequestModelCheck {

    @ForEachModel
    @DisplayName("POST /v1/chat/agent returns the model's answer")
    void gatewayGetsAnAnswerFromTheModel(ModelUnderCheck modelUnderCheck, Environment environment, AiGatewayClient aigw,
                                         ModelServerClient modelServer, Verdict verdict) {
        Environment.Model model = modelUnderCheck.get();
        if (!environment.aiGateway().orElseThrow().authBypassExpected()) {
            String why = "the doc's direct probe POST /v1/chat/agent needs the troubleshooting bypass "
                    + "(AIGW_AUTH__BYPASS_EXTERNAL=true and ai_gateway.auth_bypass_expected: true)";
            // With GitLab configured, its model connection check covers the section: this probe is not a gap then.
            throw environment.gitlab().isPresent() ? verdict.notApplicable(why + "; GitLab's model connection check covers this section")
                    : verdict.notChecked(why + "; configure gitlab so GitLab's model connection check can cover this section instead");
        }
        Exchange health = verdict.usable(aigw.health());
        if (!AiGatewayClient.serves(health)) {
            throw verdict.blockedBy(Sections.AIGW_PROCESSES_REQUESTS, "the AI gateway's health check: " + health.outcome());
        }
        Exchange chat = verdict.usable(aigw.chatAgent(model));
        if (chat.status() == 200 && !chat.json().map(j -> j.path("response").asText("")).orElse("").isBlank()) {
            return;
        }
        if (chat.status() == 401) {
            throw verdict.failed("auth-enforced", chat, "HTTP 200 {\"response\":…} (authentication bypassed while troubleshooting)");
        }
        if (chat.status() == 422) {
            throw verdict.failed("invalid-model", chat, "HTTP 200 for model family '" + model.family() + "'");
        }
        verdict.blockIf(ModelConditions.modelAnswers(model, modelServer));
        String direct = model.hasOpenAiCompatibleEndpoint()
                ? " — while the model server answers this runner directly, so the gateway's configuration or its route to the model is at fault"
                : "";
        throw verdict.failed("model-call-failed", chat.request(), "HTTP 200 {\"response\":…,\"metadata\":…}", chat.outcome() + direct);
    }

    @ForEachModel
    @GitLabApi(value = "aiSelfHostedModelConnectionCheck", since = "17.7", needs = GitLabClient.Identity.ADMIN)
    @DisplayName("GitLab's model connection check (aiSelfHostedModelConnectionCheck) succeeds through the AI gateway")
    void gitlabConnectionCheckSucceeds(ModelUnderCheck modelUnderCheck, GitLabConditions conditions, Verdict verdict) {
        Environment.Model model = modelUnderCheck.get();
        verdict.require(conditions.connectionCheck(model));
    }
}
