package dev.duoconformance.rules.gitlab;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.behaviour.DuoFeatures;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Section feature-not-accessible: every other listed feature is on its self-hosted model. */
public final class FeatureNotAccessible {
    /** Every other feature the environment file lists is offered and assigned to its self-hosted model. */
    public static final Check<FeatureNotAccessible> FEATURES_ACCESSIBLE = Check.of(
            "listedFeaturesAreAssigned",
            "Every other feature listed under models[].features is assigned to its self-hosted model",
            Gate.gitlab("aiFeatureSettings", Identity.ADMIN).since("17.4"),
            FeatureNotAccessible::featuresAccessible);

    public static final Declaration<FeatureNotAccessible> SECTION = Declaration.of(
                    Sections.FEATURE_NOT_ACCESSIBLE, FeatureNotAccessible::new)
            .dependsOn(Sections.SELF_HOSTED_MODELS)
            .checks(FEATURES_ACCESSIBLE);

    private final Probes probes;
    private final Environment environment;
    private final GitLabClient gitlab;

    private FeatureNotAccessible(Probes probes) {
        this.probes = probes;
        this.environment = probes.environment();
        this.gitlab = probes.gitlab();
    }

    /**
     * Every feature the environment file lists is offered and assigned to its self-hosted model; Code Suggestions' two
     * features are verified by instance-uses-self-hosted-models. A feature GitLab does not list is explained by why GitLab
     * hides it ({@link DuoFeatures}).
     */
    private Condition featuresAccessible() {
        Condition configuration = probes.outcome(InstanceUsesSelfHostedModels.SELF_HOSTED_CONFIGURATION);
        if (!(configuration instanceof Condition.Holds)) {
            return configuration;
        }
        List<JsonNode> settings = stream(gitlab.featureSettings()
                        .data()
                        .path("aiFeatureSettings")
                        .path("nodes"))
                .toList();
        List<String> verifiedByConfiguration = new ArrayList<>();
        for (Environment.Model model : environment.models()) {
            for (String feature : model.features()) {
                if (SUGGESTION_FEATURES.contains(feature)) {
                    verifiedByConfiguration.add(feature);
                    continue;
                }
                if (settings.stream().noneMatch(s -> s.path("feature").asText().equals(feature))) {
                    String cause = DuoFeatures.causeWhenUnlisted(
                            feature,
                            licensePlan(),
                            gitlab.instanceVersion()
                                    .filter(v -> v.isBefore(GitLabVersion.of(DuoFeatures.CHAT_SUB_FEATURES_ON)))
                                    .isPresent());
                    return broken(
                            Sections.FEATURE_NOT_ACCESSIBLE,
                            cause,
                            "GraphQL aiFeatureSettings",
                            "the feature '" + feature + "' offered for self-hosted models",
                            DuoFeatures.whyUnlisted(feature, cause));
                }
                Condition condition = InstanceUsesSelfHostedModels.featureUsesSelfHostedModel(
                        Sections.FEATURE_NOT_ACCESSIBLE, settings, feature, Optional.of(model.name()));
                if (condition.isBroken()) {
                    return condition;
                }
            }
        }
        if (environment.models().stream().allMatch(m -> m.features().isEmpty())) {
            return Condition.unknown("no feature is listed under models[].features in the environment file");
        }
        return verifiedByConfiguration.isEmpty()
                ? Condition.holds()
                : Condition.holdsBecause(
                        String.join(", ", verifiedByConfiguration) + ": verified by instance-uses-self-hosted-models");
    }

    private Optional<String> licensePlan() {
        Exchange license = gitlab.license();
        return license.status() == 200 ? license.json().map(j -> j.path("plan").asText(null)) : Optional.empty();
    }
}
