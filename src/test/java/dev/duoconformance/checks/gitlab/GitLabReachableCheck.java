package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The suite's own precondition, not a section of the doc: every other GitLab check is blocked by it when it fails. */
@DocSection("gitlab-reachable")
@Tag("gitlab")
@Tag("gitlab-reachable")
class GitLabReachableCheck {
    @Test
    void gitlabApiAnswers(SectionCheck check) {
        check.judge();
    }
}
