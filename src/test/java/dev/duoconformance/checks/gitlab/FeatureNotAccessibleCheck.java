package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.FeatureNotAccessible;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;

@DocSection("feature-not-accessible")
@Tag("gitlab")
@Tag("feature-not-accessible")
class FeatureNotAccessibleCheck {

    @Test
    @GitLabApi(value = "aiFeatureSettings", since = "17.4", needs = ADMIN)
    @DisplayName("Every other feature listed under models[].features is assigned to its self-hosted model")
    void listedFeaturesAreAssigned(Rules rules, Verdict verdict) {
        verdict.require(rules.get(FeatureNotAccessible.class).featuresAccessible());
    }
}
