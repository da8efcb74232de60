package dev.duoconformance.checks.aigw;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-can-process-requests")
@Tag("aigw")
@Tag("ai-gateway-can-process-requests")
class AiGatewayCanProcessRequestsCheck {
    @Test
    void healthCheckAnswers(SectionCheck check) {
        check.judge();
    }

    @Test
    void authenticationIsAsExpected(SectionCheck check) {
        check.judge();
    }
}
