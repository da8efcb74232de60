package dev.duoconformance.checks.gitlab;

import static dev.duoconformance.http.GitLabClient.Identity.USER;

import dev.duoconformance.conditions.GitLabConditions;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("gitlab-can-request-model")
@Tag("gitlab")
@Tag("gitlab-can-request-model")
@DisplayName("Check if GitLab can make a request to the model")
class GitLabCanRequestModelCheck {

    @Test
    @GitLabApi(value = "POST /api/v4/code_suggestions/completions", needs = USER)
    @DisplayName("POST /api/v4/code_suggestions/completions returns a suggestion from the model")
    void completionReturnsASuggestion(GitLabConditions conditions, Verdict verdict) {
        verdict.require(conditions.completion());
    }
}
