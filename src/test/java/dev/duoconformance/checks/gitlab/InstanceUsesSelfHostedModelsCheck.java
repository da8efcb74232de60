package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.InstanceUsesSelfHostedModels;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;

@DocSection("instance-uses-self-hosted-models")
@Tag("gitlab")
@Tag("instance-uses-self-hosted-models")
class InstanceUsesSelfHostedModelsCheck {

    @Test
    @GitLabApi(value = "aiSelfHostedModels and aiFeatureSettings", since = "17.4", needs = ADMIN)
    @DisplayName("Each configured model exists in GitLab with its endpoint and identifier, and Code Suggestions and Code generation use it")
    void codeSuggestionsUseTheSelfHostedModels(Rules rules, Verdict verdict) {
        verdict.require(rules.get(InstanceUsesSelfHostedModels.class).selfHostedConfiguration());
    }
}
