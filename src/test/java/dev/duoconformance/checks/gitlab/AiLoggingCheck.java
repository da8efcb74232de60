package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.AiLogging;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;
import static dev.duoconformance.http.GitLabClient.Identity.USER;

/** Informational: whether GitLab logs its AI requests is reported, never failed. */
@DocSection("ai-logging")
@Tag("gitlab")
@Tag("ai-logging")
class AiLoggingCheck {

    @Test
    @GitLabApi(value = "the expanded_ai_logging feature flag", until = "17.9", needs = ADMIN)
    @DisplayName("Reports the expanded_ai_logging feature flag (GitLab 17.8 and earlier)")
    void reportsTheFeatureFlag(Rules rules, Verdict verdict) {
        verdict.require(rules.get(AiLogging.class).featureFlag());
    }

    @Test
    @GitLabApi(value = "the enabled_instance_verbose_ai_logs setting", since = "17.9", needs = USER)
    @DisplayName("Reports the Enable AI logs setting, read from direct_access's x-gitlab-enabled-instance-verbose-ai-logs (17.9+)")
    void reportsTheInstanceSetting(Rules rules, Verdict verdict) {
        verdict.require(rules.get(AiLogging.class).instanceSetting());
    }
}
