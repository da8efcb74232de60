package dev.duoconformance.report;

/**
 * How a check ended, as a value carried from the rule to the summary, the categories and compare. The console's words
 * for it are the catalogue's, in the run's language.
 */
public enum Outcome {
    PASSED("passed"),
    FAILED("failed"),
    WAIVED("waived"),
    NOT_CHECKED("not_checked"),
    /** Not checked because an upstream section failed (the summary counts it as not checked and names the upstream). */
    BLOCKED("not_checked"),
    /** A bug in the suite itself, never the target's fault. */
    BROKEN("broken"),
    /** A check that does not apply to this target (its GitLab version): the section is judged without it. */
    NOT_APPLICABLE("not_checked");

    private final String summaryName;

    Outcome(String summaryName) {
        this.summaryName = summaryName;
    }

    /** As the summary file (and compare) names it. */
    public String summaryName() {
        return summaryName;
    }
}
