package dev.duoconformance.checks.gitlab;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.AiGatewayClient;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("feature-not-accessible")
@Tag("gitlab")
@Tag("feature-not-accessible")
@DisplayName("Feature not accessible or feature button not visible")
class FeatureNotAccessibleCheck {

    @Test
    @GitLabApi(value = "aiFeatureSettings", since = "17.4", needs = ADMIN)
    @DisplayName("Every other feature listed under models[].features is assigned to its self-hosted model")
    void listedFeaturesAreAssigned(Environment environment, GitLabClient gitlab, Optional<AiGatewayClient> aigw, ModelServerClient modelServer, Verdict verdict) {
        verdict.require(new GitLabConditions(environment, gitlab, aigw, modelServer).featuresAccessible());
    }
}
