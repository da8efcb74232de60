package dev.duoconformance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.http.Exchange;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    @Test
    void aRateLimitNamesWhoRefusedWhenToRetryAndTheLimit() {
        Exchange gitlab = Exchange.answered(
                "POST https://gitlab/api/v4/code_suggestions/completions",
                429,
                Map.of("retry-after", "60", "x-gitlab-error-origin", "monolith"),
                "{\"message\":{\"error\":\"This endpoint has been requested too many times. Try again later.\"}}",
                "");
        assertThat(RateLimits.completionRateLimited(gitlab))
                .hasValue(
                        "rate limited by GitLab itself (HTTP 429 with X-GitLab-Error-Origin: "
                                + "monolith), retry after 60 s (POST https://gitlab/api/v4/code_suggestions/completions answered 429, which allows 60 requests "
                                + "per minute per user by default (application setting code_suggestions_api_rate_limit)); run the suite again later");
        Exchange upstream =
                Exchange.answered("POST https://gitlab/api/v4/code_suggestions/completions", 429, Map.of(), "{}", "");
        assertThat(RateLimits.completionRateLimited(upstream))
                .hasValue(
                        "rate limited upstream of GitLab (AI gateway or model), retry after "
                                + "a few minutes (POST https://gitlab/api/v4/code_suggestions/completions answered 429); run the suite again later");
        Exchange direct = Exchange.answered(
                "POST https://gitlab/api/v4/code_suggestions/direct_access",
                429,
                Map.of("retry-after", "60"),
                "{}",
                "");
        assertThat(RateLimits.rateLimited(direct, RateLimits.DIRECT_ACCESS))
                .hasValue(
                        "rate limited, retry after 60 s (POST "
                                + "https://gitlab/api/v4/code_suggestions/direct_access answered 429, which allows 50 requests per minute per user); run the suite again later");
        assertThat(RateLimits.rateLimited(Exchange.answered("GET x", 200, Map.of(), "{}", ""), RateLimits.COMPLETIONS))
                .isEmpty();
        assertThat(RateLimits.rateLimited(Exchange.answered("GET x", 200, Map.of(), "{}", "")))
                .isEmpty();
    }
}
