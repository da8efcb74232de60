package dev.duoconformance.junit;

import dev.duoconformance.catalogue.Failure;
import org.opentest4j.AssertionFailedError;

/**
 * A check's documented failure: the {@link Failure} as a value, and its rendered, redacted message for JUnit and Allure.
 * A failure of the target, not of the suite: its message is the whole story, so it carries no stack trace (the console
 * and the report show the remediation, not the suite's frames).
 */
public final class SectionFailed extends AssertionFailedError {
    private final transient Failure failure;

    SectionFailed(Failure failure, String message) {
        super(message);
        this.failure = failure;
        setStackTrace(new StackTraceElement[0]);
    }

    public Failure failure() {
        return failure;
    }
}
