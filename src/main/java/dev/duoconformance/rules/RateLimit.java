package dev.duoconformance.rules;

import dev.duoconformance.http.Exchange;

/** The one reading of a 429: the section is not checked, saying when to retry. */
public final class RateLimit {
    private RateLimit() {}

    public static boolean limited(Exchange exchange) {
        return exchange.status() == 429;
    }

    /** Why the section is not checked, e.g. "rate limited, retry after 263 s (POST … answered 429); run the suite again later". */
    public static String reason(Exchange exchange) {
        return "rate limited, retry after " + exchange.header("retry-after").map(s -> s + " s").orElse("a few minutes")
                + " (" + exchange.request() + " answered 429); run the suite again later";
    }
}
