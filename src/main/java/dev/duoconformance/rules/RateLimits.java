package dev.duoconformance.rules;

import dev.duoconformance.http.Exchange;
import java.util.Optional;

/**
 * The one reading of a 429: the section is not checked, saying who refused, when to retry and, where the suite knows
 * it, the limit. GitLab's own 429 carries {@code X-GitLab-Error-Origin: monolith} on Code Suggestions requests
 * (ee/lib/api/code_suggestions.rb, the {@code check_rate_limit!(:code_suggestions_api_endpoint)} block) and
 * {@code Retry-After} of the limiter's interval (lib/api/helpers/rate_limiter.rb, lib/api/helpers.rb {@code too_many_requests!}).
 */
public final class RateLimits {
    public static final String MONOLITH = "x-gitlab-error-origin";
    /** ee/lib/ee/gitlab/application_rate_limiter.rb: {@code code_suggestions_direct_access: { threshold: 50, interval: 1.minute }}. */
    public static final String DIRECT_ACCESS = "50 requests per minute per user";
    /** Same file: {@code duo_workflow_direct_access}, which {@code GET /ai/duo_workflows/list_tools} also counts. */
    public static final String DUO_WORKFLOW = "50 requests per minute per user";
    /**
     * lib/gitlab/application_rate_limiter.rb {@code code_suggestions_api_endpoint}: the application setting
     * {@code code_suggestions_api_rate_limit} (default 60, app/models/application_setting_implementation.rb) per minute.
     */
    public static final String COMPLETIONS =
            "60 requests per minute per user by default (application setting code_suggestions_api_rate_limit)";

    private RateLimits() {}

    /** Why a 429 leaves a check unjudged, e.g. "rate limited, retry after 30 s (POST … answered 429); run the suite again later". */
    public static Optional<String> rateLimited(Exchange exchange) {
        return reason(exchange, "", Optional.empty());
    }

    /** As {@link #rateLimited(Exchange)}, naming GitLab's own limit when GitLab itself refused. */
    public static Optional<String> rateLimited(Exchange exchange, String limit) {
        boolean gitlab = exchange.header(MONOLITH).filter("monolith"::equals).isPresent();
        return reason(
                exchange,
                gitlab ? " by GitLab itself (HTTP 429 with X-GitLab-Error-Origin: monolith)" : "",
                Optional.of(limit));
    }

    /**
     * A Code Suggestions completion: GitLab's own limit (monolith header), or a limit upstream of GitLab (the AI gateway
     * or the model answered 429 through Workhorse, without the header).
     */
    public static Optional<String> completionRateLimited(Exchange completion) {
        if (completion.header(MONOLITH).isEmpty()) {
            return reason(completion, " upstream of GitLab (AI gateway or model)", Optional.empty());
        }
        return rateLimited(completion, COMPLETIONS);
    }

    private static Optional<String> reason(Exchange exchange, String who, Optional<String> limit) {
        if (exchange.status() != 429) {
            return Optional.empty();
        }
        return Optional.of("rate limited" + who + ", retry after "
                + exchange.header("retry-after").map(s -> s + " s").orElse("a few minutes") + " (" + exchange.request()
                + " answered 429" + limit.map(l -> ", which allows " + l).orElse("") + "); run the suite again later");
    }
}
