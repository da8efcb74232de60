package dev.duoconformance.rules.gitlab;

import dev.duoconformance.http.Exchange;
import dev.duoconformance.rules.RateLimits;

/**
 * {@code POST /api/v4/code_suggestions/direct_access} when the administrator chose indirect connections
 * ({@code Connection method: Indirect connections through GitLab Self-Managed}): GitLab answers
 * {@code 403 {"message":"403 Forbidden - Direct connections are disabled"}} by design, without
 * {@code X-GitLab-Error-Origin} (ee/lib/api/code_suggestions.rb, {@code forbid_direct_access?} and
 * {@code forbidden!('Direct connections are disabled')}; lib/api/helpers.rb {@code render_api_error_with_reason!}).
 */
final class DirectAccess {
    private DirectAccess() {}

    static boolean connectionsDisabled(Exchange directAccess) {
        return directAccess.status() == 403
                && directAccess.header(RateLimits.MONOLITH).isEmpty()
                && directAccess
                        .json()
                        .map(j -> j.path("message").asText("").contains("Direct connections are disabled"))
                        .orElse(false);
    }
}
