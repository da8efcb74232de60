package dev.duoconformance.upstream;

import dev.duoconformance.http.Exchange;
import java.util.Optional;

/**
 * GitLab's rate limits on the requests the suite sends, and where a 429 came from. GitLab's own 429 carries
 * {@code X-GitLab-Error-Origin: monolith} on Code Suggestions completions (ee/lib/api/code_suggestions.rb, the
 * {@code check_rate_limit!(:code_suggestions_api_endpoint)} block) and {@code Retry-After} of the limiter's interval
 * (lib/api/helpers/rate_limiter.rb, lib/api/helpers.rb {@code too_many_requests!}).
 */
public final class RateLimits {
    static final String MONOLITH = "x-gitlab-error-origin";
    /** ee/lib/ee/gitlab/application_rate_limiter.rb: {@code code_suggestions_direct_access: { threshold: 50, interval: 1.minute }}. */
    public static final String DIRECT_ACCESS = "50 requests per minute per user";
    /** Same file: {@code duo_workflow_direct_access}, which {@code GET /ai/duo_workflows/list_tools} also counts. */
    public static final String DUO_WORKFLOW = "50 requests per minute per user";
    /**
     * lib/gitlab/application_rate_limiter.rb {@code code_suggestions_api_endpoint}: the application setting
     * {@code code_suggestions_api_rate_limit} (default 60, app/models/application_setting_implementation.rb) per minute.
     */
    public static final String COMPLETIONS = "60 requests per minute per user by default (application setting code_suggestions_api_rate_limit)";

    private RateLimits() {}

    /**
     * Why a 429 to a Code Suggestions completion leaves it unjudged: GitLab's own limit (monolith header), or a limit
     * upstream of GitLab (the AI gateway or the model answered 429 through Workhorse).
     */
    public static Optional<String> completionRateLimited(Exchange completion) {
        if (completion.status() == 429 && completion.header(MONOLITH).isEmpty()) {
            return Optional.of("rate limited upstream of GitLab (AI gateway or model)" + completion.header("Retry-After")
                    .map(s -> ", retry after " + s + " s").orElse("") + ": " + completion.request() + " answered " + completion.outcome());
        }
        return rateLimited(completion, COMPLETIONS);
    }

    /** Why a 429 leaves a check unjudged, naming who refused and the limit; empty when the answer is no 429. */
    public static Optional<String> rateLimited(Exchange exchange, String limit) {
        if (exchange.status() != 429) {
            return Optional.empty();
        }
        String retry = exchange.header("Retry-After").map(s -> ", retry after " + s + " s").orElse("");
        if (exchange.header(MONOLITH).filter("monolith"::equals).isPresent()) {
            return Optional.of("rate limited by GitLab itself (HTTP 429 with X-GitLab-Error-Origin: monolith)" + retry + ": "
                    + exchange.request() + " allows " + limit);
        }
        return Optional.of("rate limited" + retry + " (" + exchange.request() + " allows " + limit + ")");
    }
}
