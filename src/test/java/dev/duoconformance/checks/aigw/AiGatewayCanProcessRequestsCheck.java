package dev.duoconformance.checks.aigw;

import dev.duoconformance.http.AiGatewayClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.aigw.AiGatewayCanProcessRequests;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-can-process-requests")
@Tag("aigw")
@Tag("ai-gateway-can-process-requests")
class AiGatewayCanProcessRequestsCheck {

    @Test
    @DisplayName("The AI gateway answers GET /monitoring/healthz with 200 {}")
    void healthCheckAnswers(AiGatewayClient aigw, Rules rules, Verdict verdict) {
        verdict.require(rules.get(AiGatewayCanProcessRequests.class).serves());
    }

    @Test
    @DisplayName("The AI gateway's authentication is on, unless the troubleshooting bypass is expected")
    void authenticationIsAsExpected(AiGatewayClient aigw, Rules rules, Verdict verdict) {
        verdict.require(rules.get(AiGatewayCanProcessRequests.class).authentication());
    }
}
