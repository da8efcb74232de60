package dev.duoconformance.report;

/** How a check ended, as a value carried from the rule to the summary, the categories and compare. */
public enum Outcome {
    PASSED("passed", "passed"),
    FAILED("FAILED", "failed"),
    WAIVED("waived", "waived"),
    NOT_CHECKED("not checked", "not_checked"),
    /** Not checked because an upstream section failed (the summary counts it as not checked and names the upstream). */
    BLOCKED("not checked", "not_checked"),
    /** A bug in the suite itself, never the target's fault. */
    BROKEN("broken", "broken"),
    /** A check that does not apply to this target (its GitLab version): the section is judged without it. */
    NOT_APPLICABLE("not checked", "not_checked");

    private final String shown;
    private final String summaryName;

    Outcome(String shown, String summaryName) {
        this.shown = shown;
        this.summaryName = summaryName;
    }

    /** As the console summary shows it. */
    public String shown() {
        return shown;
    }

    /** As the summary file (and compare) names it. */
    public String summaryName() {
        return summaryName;
    }
}
