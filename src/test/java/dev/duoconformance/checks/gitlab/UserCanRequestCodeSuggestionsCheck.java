package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.UserCanRequestCodeSuggestions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;
import static dev.duoconformance.http.GitLabClient.Identity.USER;

@DocSection("user-can-request-code-suggestions")
@Tag("gitlab")
@Tag("user-can-request-code-suggestions")
class UserCanRequestCodeSuggestionsCheck {

    @Test
    @GitLabApi(value = "GET /api/v4/license and addOnPurchases", needs = ADMIN)
    @DisplayName("The license is valid and the instance has a GitLab Duo Enterprise add-on")
    void licenseAndAddOnAreInPlace(Rules rules, Verdict verdict) {
        verdict.require(rules.get(UserCanRequestCodeSuggestions.class).entitlement());
    }

    @Test
    @GitLabApi(value = "currentUser.duoCodeSuggestionsAvailable", needs = USER)
    @DisplayName("GitLab lets the user request Code Suggestions (currentUser.duoCodeSuggestionsAvailable)")
    void userHasAccess(Rules rules, Verdict verdict) {
        verdict.require(rules.get(UserCanRequestCodeSuggestions.class).userAccess());
    }
}
