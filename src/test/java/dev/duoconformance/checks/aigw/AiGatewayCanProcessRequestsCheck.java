package dev.duoconformance.checks.aigw;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.AiGatewayClient;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-can-process-requests")
@Tag("aigw")
@Tag("ai-gateway-can-process-requests")
@DisplayName("Check if AI gateway can process requests")
class AiGatewayCanProcessRequestsCheck {

    @Test
    @DisplayName("The AI gateway answers GET /monitoring/healthz with 200 {}")
    void healthCheckAnswers(AiGatewayClient aigw, Verdict verdict) {
        Exchange health = verdict.usable(aigw.health());
        if (!AiGatewayClient.serves(health)) {
            throw verdict.failed("unhealthy", health, "HTTP 200 with the body {}");
        }
    }

    @Test
    @DisplayName("The AI gateway's authentication is on, unless the troubleshooting bypass is expected")
    void authenticationIsAsExpected(AiGatewayClient aigw, Environment environment, Verdict verdict) {
        if (!AiGatewayClient.serves(verdict.usable(aigw.health()))) {
            throw verdict.notChecked("the AI gateway did not pass its health check (see the other check of this section)");
        }
        Exchange root = verdict.usable(aigw.unauthenticatedRoot());
        boolean authOn = root.status() == 401 && root.json().map(j -> j.has("error")).orElse(false);
        boolean bypassed = root.status() == 404 && root.json().map(j -> j.has("detail")).orElse(false);
        boolean bypassExpected = environment.aiGateway().orElseThrow().authBypassExpected();
        if (bypassed && !bypassExpected) {
            throw verdict.failed("auth-disabled", root,
                    "HTTP 401 {\"error\":\"No authorization header presented\"} (authentication on; ai_gateway.auth_bypass_expected is false)");
        }
        if (!authOn && !bypassed) {
            throw verdict.failed("unhealthy", root,
                    "HTTP 401 {\"error\":…} from the AI gateway's authentication (or 404 {\"detail\":…} with the troubleshooting bypass)");
        }
    }
}
