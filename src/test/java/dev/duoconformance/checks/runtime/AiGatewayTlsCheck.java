package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-tls")
@Tag("runtime")
@Tag("aigw")
@Tag("ai-gateway-tls")
class AiGatewayTlsCheck {
    @Test
    void httpsEndpointsPresentTrustedCertificates(SectionCheck check) {
        check.judge();
    }

    @Test
    void containerNamesTheCaBundle(SectionCheck check) {
        check.judge();
    }
}
