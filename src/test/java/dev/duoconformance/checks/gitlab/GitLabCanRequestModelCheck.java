package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.GitLabCanRequestModel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.duoconformance.http.GitLabClient.Identity.USER;

@DocSection("gitlab-can-request-model")
@Tag("gitlab")
@Tag("gitlab-can-request-model")
class GitLabCanRequestModelCheck {

    @Test
    @GitLabApi(value = "POST /api/v4/code_suggestions/completions", needs = USER)
    @DisplayName("POST /api/v4/code_suggestions/completions returns a suggestion from the model")
    void completionReturnsASuggestion(Rules rules, Verdict verdict) {
        verdict.require(rules.get(GitLabCanRequestModel.class).completion());
    }
}
