package dev.duoconformance.behaviour;

import java.util.List;
import java.util.Optional;

/**
 * The features GitLab lets an administrator assign to a self-hosted model ({@code aiFeatureSettings}), from
 * ee/app/models/ai/feature_setting.rb: {@code STABLE_FEATURES} always; {@code FLAGGED_FEATURES} (beta) only once the
 * GitLab Testing Agreement is accepted ("Use beta models and features in GitLab Duo Self-Hosted"); and without the two
 * vulnerability features on a Premium license. On 17.4–17.9 (an older ee/app/models/ai/feature_setting.rb) the stable
 * features were Code Suggestions' two and duo_chat, and the four Chat sub-features were {@code FLAGGED_FEATURES} offered
 * only when {@code Feature.enabled?(:ai_duo_chat_sub_features_settings)} (17.4, MR 163600), until MR 175349 turned them on
 * in 17.10.
 */
public final class DuoFeatures {
    public static final List<String> STABLE = List.of(
            "code_generations",
            "code_completions",
            "duo_chat",
            "duo_chat_explain_code",
            "duo_chat_write_tests",
            "duo_chat_refactor_code",
            "duo_chat_fix_code",
            "review_merge_request",
            "duo_agent_platform",
            "duo_agent_platform_agentic_chat");
    public static final List<String> FLAGGED = List.of(
            "duo_chat_troubleshoot_job",
            "generate_commit_message",
            "summarize_new_merge_request",
            "duo_chat_explain_vulnerability",
            "resolve_vulnerability",
            "summarize_review",
            "glab_ask_git_command",
            "duo_chat_summarize_comments");
    public static final List<String> NOT_IN_PREMIUM =
            List.of("duo_chat_explain_vulnerability", "resolve_vulnerability");
    /** The Chat sub-features that 17.4–17.9 offer only behind the flag {@code ai_duo_chat_sub_features_settings}. */
    public static final List<String> CHAT_SUB_FEATURES =
            List.of("duo_chat_explain_code", "duo_chat_write_tests", "duo_chat_refactor_code", "duo_chat_fix_code");

    public static final String CHAT_SUB_FEATURES_FLAG = "ai_duo_chat_sub_features_settings";
    /** The release that offers the Chat sub-features without the flag. */
    public static final String CHAT_SUB_FEATURES_ON = "17.10";
    /** Code Suggestions' two features, which {@code instance-uses-self-hosted-models} owns. */
    public static final List<String> CODE_SUGGESTIONS = List.of("code_completions", "code_generations");

    private DuoFeatures() {}

    public static boolean known(String feature) {
        return STABLE.contains(feature) || FLAGGED.contains(feature);
    }

    /**
     * The documented cause when GitLab lists no setting for a feature: {@code chat-sub-features-flagged} for a Chat
     * sub-feature before 17.10, {@code not-in-premium} for the vulnerability features on Premium, {@code beta-not-enabled}
     * for a beta feature, else {@code manual-steps} (the unit primitive).
     *
     * @param beforeChatSubFeaturesOn the instance is older than {@link #CHAT_SUB_FEATURES_ON}
     */
    public static String causeWhenUnlisted(String feature, Optional<String> plan, boolean beforeChatSubFeaturesOn) {
        if (CHAT_SUB_FEATURES.contains(feature) && beforeChatSubFeaturesOn) {
            return "chat-sub-features-flagged";
        }
        if (NOT_IN_PREMIUM.contains(feature) && plan.filter("premium"::equals).isPresent()) {
            return "not-in-premium";
        }
        return FLAGGED.contains(feature) ? "beta-not-enabled" : "manual-steps";
    }

    public static String whyUnlisted(String feature, String cause) {
        return switch (cause) {
            case "chat-sub-features-flagged" ->
                "GitLab lists no feature '" + feature + "': before 17.10 GitLab offers the Chat sub-features "
                        + "only behind the feature flag " + CHAT_SUB_FEATURES_FLAG + ", which is off";
            case "not-in-premium" ->
                "GitLab lists no feature '" + feature + "': it is not offered with a Premium license";
            case "beta-not-enabled" ->
                "GitLab lists no feature '" + feature + "': it is a beta feature, offered only after \"Use beta "
                        + "models and features in GitLab Duo Self-Hosted\" is turned on (GitLab Testing Agreement)";
            default -> "GitLab lists no feature '" + feature + "'";
        };
    }
}
