package dev.duoconformance.junit;

import dev.duoconformance.catalogue.Failure;
import org.opentest4j.AssertionFailedError;

/** A check's documented failure: the {@link Failure} as a value, and its rendered, redacted message for JUnit and Allure. */
public final class SectionFailed extends AssertionFailedError {
    private final transient Failure failure;

    SectionFailed(Failure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
