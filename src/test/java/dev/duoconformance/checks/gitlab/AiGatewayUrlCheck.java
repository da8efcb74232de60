package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-url")
@Tag("gitlab")
@Tag("ai-gateway-url")
class AiGatewayUrlCheck {
    @Test
    void gatewayUrlIsTheExpectedOne(SectionCheck check) {
        check.judge();
    }
}
