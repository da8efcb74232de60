package dev.duoconformance.checks.gitlab;

import static dev.duoconformance.http.GitLabClient.Identity.ADMIN;
import static dev.duoconformance.http.GitLabClient.Identity.USER;

import dev.duoconformance.conditions.GitLabConditions;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("user-can-request-code-suggestions")
@Tag("gitlab")
@Tag("user-can-request-code-suggestions")
@DisplayName("Check if a user can request Code Suggestions")
class UserCanRequestCodeSuggestionsCheck {

    @Test
    @GitLabApi(value = "GET /api/v4/license and addOnPurchases", needs = ADMIN)
    @DisplayName("The license is valid and the instance has a GitLab Duo Enterprise add-on")
    void licenseAndAddOnAreInPlace(GitLabConditions conditions, Verdict verdict) {
        verdict.require(conditions.entitlement());
    }

    @Test
    @GitLabApi(value = "currentUser.duoCodeSuggestionsAvailable", needs = USER)
    @DisplayName("GitLab lets the user request Code Suggestions (currentUser.duoCodeSuggestionsAvailable)")
    void userHasAccess(GitLabConditions conditions, Verdict verdict) {
        verdict.require(conditions.userAccess());
    }
}
