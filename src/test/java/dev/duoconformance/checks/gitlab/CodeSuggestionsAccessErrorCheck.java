package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.CodeSuggestionsAccessError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;
import static dev.duoconformance.http.GitLabClient.Identity.USER;

@DocSection("code-suggestions-access-error")
@Tag("gitlab")
@Tag("code-suggestions-access-error")
class CodeSuggestionsAccessErrorCheck {

    @Test
    @GitLabApi(value = "selfManagedAddOnEligibleUsers", needs = {ADMIN, USER})
    @DisplayName("The user holds a GitLab Duo Enterprise seat")
    void userHoldsASeat(Rules rules, Verdict verdict) {
        verdict.require(rules.get(CodeSuggestionsAccessError.class).seat());
    }
}
