package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.GitLabApi;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.gitlab.GitLabReachable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The suite's own precondition, not a section of the doc: every other GitLab check is blocked by it when it fails. */
@DocSection("gitlab-reachable")
@Tag("gitlab")
@Tag("gitlab-reachable")
class GitLabReachableCheck {

    @Test
    @GitLabApi(value = "GET /api/v4/version", needs = {})
    @DisplayName("GitLab's API answers GET /api/v4/version at gitlab.url")
    void gitlabApiAnswers(Rules rules, Verdict verdict) {
        verdict.require(rules.get(GitLabReachable.class).answers());
    }
}
