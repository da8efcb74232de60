package dev.duoconformance.junit;

import dev.duoconformance.catalogue.Failure;
import org.opentest4j.AssertionFailedError;

/**
 * A check's documented failure: the {@link Failure} as a value, its rendered, redacted message for JUnit and Allure, and
 * the summary's one line.
 * A failure of the target, not of the suite: its message is the whole story, so it carries no stack trace (the console
 * and the report show the remediation, not the suite's frames).
 */
public final class SectionFailed extends AssertionFailedError {
    private final transient Failure failure;
    private final String summary;

    /** {@code summary}: the summary's one line, the remediation's first step as the message shows it. */
    SectionFailed(Failure failure, String message, String summary) {
        super(message);
        this.failure = failure;
        this.summary = summary;
        setStackTrace(new StackTraceElement[0]);
    }

    public Failure failure() {
        return failure;
    }

    String summary() {
        return summary;
    }
}
