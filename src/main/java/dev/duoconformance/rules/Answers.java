package dev.duoconformance.rules;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.TransportError;
import java.util.Optional;

/**
 * What an exchange says before a rule reads it: a TLS failure belongs to ai-gateway-tls; a component that was silent
 * earlier in the run, or that rate-limits the suite, leaves the section not checked. Empty when the rule may judge it.
 */
public final class Answers {
    private Answers() {}

    public static Optional<Condition> unusable(Exchange exchange, String section) {
        if (exchange.failedWith(TransportError.Kind.TLS) && !section.equals(Sections.TLS)) {
            return Optional.of(Condition.broken(new Failure(
                    Sections.TLS,
                    "untrusted-certificate",
                    exchange.request(),
                    "a trusted certificate",
                    exchange.outcome())));
        }
        if (exchange.failedWith(TransportError.Kind.SILENT_EARLIER)) {
            return Optional.of(Condition.unknown(exchange.outcome().replaceFirst("^not sent: ", "")));
        }
        return RateLimits.rateLimited(exchange).map(Condition::unknown);
    }
}
