package dev.duoconformance.upstream;

import java.util.List;
import java.util.Optional;

/**
 * The features GitLab lets an administrator assign to a self-hosted model ({@code aiFeatureSettings}), from
 * ee/app/models/ai/feature_setting.rb: {@code STABLE_FEATURES} always; {@code FLAGGED_FEATURES} (beta) only once the
 * GitLab Testing Agreement is accepted ("Use beta models and features in GitLab Duo Self-Hosted"); and without the two
 * vulnerability features on a Premium license.
 */
public final class DuoFeatures {
    public static final List<String> STABLE = List.of("code_generations", "code_completions", "duo_chat", "duo_chat_explain_code",
            "duo_chat_write_tests", "duo_chat_refactor_code", "duo_chat_fix_code", "review_merge_request", "duo_agent_platform",
            "duo_agent_platform_agentic_chat");
    public static final List<String> FLAGGED = List.of("duo_chat_troubleshoot_job", "generate_commit_message", "summarize_new_merge_request",
            "duo_chat_explain_vulnerability", "resolve_vulnerability", "summarize_review", "glab_ask_git_command", "duo_chat_summarize_comments");
    public static final List<String> NOT_IN_PREMIUM = List.of("duo_chat_explain_vulnerability", "resolve_vulnerability");
    /** Code Suggestions' two features, which {@code instance-uses-self-hosted-models} owns. */
    public static final List<String> CODE_SUGGESTIONS = List.of("code_completions", "code_generations");

    private DuoFeatures() {}

    public static boolean known(String feature) {
        return STABLE.contains(feature) || FLAGGED.contains(feature);
    }

    /**
     * The documented cause when GitLab lists no setting for a feature: {@code not-in-premium} for the vulnerability
     * features on Premium, {@code beta-not-enabled} for a beta feature, else {@code manual-steps} (the unit primitive).
     */
    public static String causeWhenUnlisted(String feature, Optional<String> plan) {
        if (NOT_IN_PREMIUM.contains(feature) && plan.filter("premium"::equals).isPresent()) {
            return "not-in-premium";
        }
        return FLAGGED.contains(feature) ? "beta-not-enabled" : "manual-steps";
    }

    public static String whyUnlisted(String feature, String cause) {
        return switch (cause) {
            case "not-in-premium" -> "GitLab lists no feature '" + feature + "': it is not offered with a Premium license";
            case "beta-not-enabled" -> "GitLab lists no feature '" + feature + "': it is a beta feature, offered only after \"Use beta "
                    + "models and features in GitLab Duo Self-Hosted\" is turned on (GitLab Testing Agreement)";
            default -> "GitLab lists no feature '" + feature + "'";
        };
    }
}
