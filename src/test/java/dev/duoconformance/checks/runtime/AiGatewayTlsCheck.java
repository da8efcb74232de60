package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.runtime.AiGatewayTls;
import dev.duoconformance.runtime.GatewayRuntime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("ai-gateway-tls")
@Tag("runtime")
@Tag("aigw")
@Tag("ai-gateway-tls")
class AiGatewayTlsCheck {

    @Test
    @DisplayName("Every https endpoint presents a certificate that verifies against the trust store and http.ca_bundle")
    void httpsEndpointsPresentTrustedCertificates(Rules rules, Verdict verdict) {
        verdict.require(rules.get(AiGatewayTls.class).endpointsPresentTrustedCertificates());
    }

    @Test
    @DisplayName("With a private CA (http.ca_bundle), the AI gateway container sets SSL_CERT_FILE and REQUESTS_CA_BUNDLE to a bundle it can read")
    void containerNamesTheCaBundle(GatewayRuntime runtime, Rules rules, Verdict verdict) {
        verdict.require(rules.get(AiGatewayTls.class).containerNamesTheCaBundle());
    }
}
