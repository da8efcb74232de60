package dev.duoconformance.rules.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.RateLimits;
import dev.duoconformance.rules.Sections;
import java.util.Optional;

/**
 * Section ai-logging, informational: whether GitLab logs its AI requests (to llm.log) is reported, never failed. Up to
 * 17.8 the {@code expanded_ai_logging} feature flag decides; from 17.9 the instance setting Enable AI logs, which GitLab
 * passes to the AI gateway as the {@code x-gitlab-enabled-instance-verbose-ai-logs} header of a direct access grant.
 */
public final class AiLogging {
    /** The {@code expanded_ai_logging} feature flag (GitLab 17.8 and earlier): holds, saying whether it is on. */
    public static final Check<AiLogging> FEATURE_FLAG = Check.of(
            "reportsTheFeatureFlag",
            "Reports the expanded_ai_logging feature flag (GitLab 17.8 and earlier)",
            Gate.gitlab("the expanded_ai_logging feature flag", Identity.ADMIN).until("17.9"),
            AiLogging::featureFlag);
    /** The Enable AI logs setting (17.9+), read from a direct access grant's headers: holds, saying whether it is on. */
    public static final Check<AiLogging> INSTANCE_SETTING = Check.of(
            "reportsTheInstanceSetting",
            "Reports the Enable AI logs setting, read from direct_access's x-gitlab-enabled-instance-verbose-ai-logs (17.9+)",
            Gate.gitlab("the enabled_instance_verbose_ai_logs setting", Identity.USER)
                    .since("17.9"),
            AiLogging::instanceSetting);

    public static final Declaration<AiLogging> SECTION = Declaration.of(Sections.AI_LOGGING, AiLogging::new)
            .dependsOn(Sections.GITLAB_REACHABLE)
            .checks(FEATURE_FLAG, INSTANCE_SETTING);
    private static final String ADVICE =
            "turn on Enable AI logs in Admin > GitLab Duo > Change configuration while troubleshooting";

    private final GitLabClient gitlab;

    private AiLogging(Probes probes) {
        this.gitlab = probes.gitlab();
    }

    private Condition featureFlag() {
        Exchange features = gitlab.features();
        if (features.status() != 200 || !features.json().map(JsonNode::isArray).orElse(false)) {
            return Condition.unknown(
                    "the feature flags could not be read: " + features.request() + " answered " + features.outcome());
        }
        Optional<String> state = GitLabReads.stream(features.json().get())
                .filter(f -> "expanded_ai_logging".equals(f.path("name").asText()))
                .map(f -> f.path("state").asText())
                .findFirst();
        if (state.filter("on"::equals).isPresent()) {
            return Condition.holdsBecause(
                    "AI logging is on: expanded_ai_logging is enabled, so GitLab writes its AI gateway requests to llm.log");
        }
        return Condition.holdsBecause(
                "AI logging is off: expanded_ai_logging is " + state.orElse("not set (off by default)")
                        + "; run Feature.enable(:expanded_ai_logging) in the gitlab-rails console while troubleshooting");
    }

    private Condition instanceSetting() {
        Exchange access = gitlab.directAccess();
        Optional<String> rateLimited = RateLimits.rateLimited(access, RateLimits.DIRECT_ACCESS);
        if (rateLimited.isPresent()) {
            return Condition.unknown(rateLimited.get());
        }
        if (DirectAccess.connectionsDisabled(access)) {
            return Condition.unknown(
                    "the setting is read from " + access.request() + "'s headers, and direct connections are disabled "
                            + "on this instance (indirect connections chosen)");
        }
        if (access.status() != 201) {
            return Condition.unknown("the setting is read from " + access.request() + ", which answered "
                    + access.outcome() + " (see gitlab-can-reach-ai-gateway)");
        }
        JsonNode header = access.json()
                .map(j -> j.path("headers").path("x-gitlab-enabled-instance-verbose-ai-logs"))
                .orElse(null);
        if (header == null || header.isMissingNode()) {
            return Condition.unknown(
                    access.request() + " returned no x-gitlab-enabled-instance-verbose-ai-logs header");
        }
        if ("true".equals(header.asText())) {
            return Condition.holdsBecause(
                    "AI logging is on: Enable AI logs (enabled_instance_verbose_ai_logs) is set, so GitLab writes its "
                            + "AI gateway requests to llm.log");
        }
        return Condition.holdsBecause("AI logging is off (x-gitlab-enabled-instance-verbose-ai-logs: \""
                + header.asText() + "\"); " + ADVICE);
    }
}
