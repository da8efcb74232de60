package dev.duoconformance.checks.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.gitlab.GitLabReads;
import dev.duoconformance.upstream.DirectAccess;
import dev.duoconformance.upstream.RateLimits;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;
import static dev.duoconformance.http.GitLabClient.Identity.USER;

/** Informational: whether GitLab logs its AI requests is reported, never failed. */
@DocSection("ai-logging")
@Tag("gitlab")
@Tag("ai-logging")
@DisplayName("Prerequisites: expanded AI logging")
class AiLoggingCheck {
    private static final String ADVICE = "turn on Enable AI logs in Admin > GitLab Duo > Change configuration while troubleshooting";

    @Test
    @GitLabApi(value = "the expanded_ai_logging feature flag", until = "17.9", needs = ADMIN)
    @DisplayName("Reports the expanded_ai_logging feature flag (GitLab 17.8 and earlier)")
    void reportsTheFeatureFlag(GitLabClient gitlab, Verdict verdict) {
        Exchange features = gitlab.features();
        if (features.status() != 200 || !features.json().map(JsonNode::isArray).orElse(false)) {
            throw verdict.notChecked("the feature flags could not be read: " + features.request() + " answered " + features.outcome());
        }
        Optional<String> state = GitLabReads.stream(features.json().get())
                .filter(f -> "expanded_ai_logging".equals(f.path("name").asText())).map(f -> f.path("state").asText()).findFirst();
        if (state.filter("on"::equals).isPresent()) {
            verdict.note("AI logging is on: expanded_ai_logging is enabled, so GitLab writes its AI gateway requests to llm.log");
        } else {
            verdict.note("AI logging is off: expanded_ai_logging is " + state.orElse("not set (off by default)")
                    + "; run Feature.enable(:expanded_ai_logging) in the gitlab-rails console while troubleshooting");
        }
    }

    @Test
    @GitLabApi(value = "the enabled_instance_verbose_ai_logs setting", since = "17.9", needs = USER)
    @DisplayName("Reports the Enable AI logs setting, read from direct_access's x-gitlab-enabled-instance-verbose-ai-logs (17.9+)")
    void reportsTheInstanceSetting(GitLabClient gitlab, Verdict verdict) {
        Exchange access = gitlab.directAccess();
        Optional<String> rateLimited = RateLimits.rateLimited(access, RateLimits.DIRECT_ACCESS);
        if (rateLimited.isPresent()) {
            throw verdict.notChecked(rateLimited.get());
        }
        if (DirectAccess.connectionsDisabled(access)) {
            throw verdict.notChecked("the setting is read from " + access.request() + "'s headers, and direct connections are disabled "
                    + "on this instance (indirect connections chosen)");
        }
        if (access.status() != 201) {
            throw verdict.notChecked("the setting is read from " + access.request() + ", which answered " + access.outcome()
                    + " (see gitlab-can-reach-ai-gateway)");
        }
        JsonNode header = access.json().map(j -> j.path("headers").path("x-gitlab-enabled-instance-verbose-ai-logs")).orElse(null);
        if (header == null || header.isMissingNode()) {
            throw verdict.notChecked(access.request() + " returned no x-gitlab-enabled-instance-verbose-ai-logs header");
        }
        if ("true".equals(header.asText())) {
            verdict.note("AI logging is on: Enable AI logs (enabled_instance_verbose_ai_logs) is set, so GitLab writes its AI gateway requests to llm.log");
        } else {
            verdict.note("AI logging is off (x-gitlab-enabled-instance-verbose-ai-logs: \"" + header.asText() + "\"); " + ADVICE);
        }
    }
}
