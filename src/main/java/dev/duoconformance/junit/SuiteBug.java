package dev.duoconformance.junit;

import dev.duoconformance.catalogue.Shown;
import java.util.function.UnaryOperator;

/**
 * An exception a check did not expect: a bug of the suite, never the target's fault (Allure shows it as broken). Its
 * message is redacted and inert like every other, as it may quote what a target sent; the stack trace is kept.
 */
final class SuiteBug extends RuntimeException {
    private SuiteBug(String message, StackTraceElement[] trace) {
        super(message, null, false, true);
        setStackTrace(trace);
    }

    static SuiteBug of(Throwable thrown, UnaryOperator<String> redact) {
        String message = "broken: a bug of the suite, not the target's fault: "
                + thrown.getClass().getName() + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
        return new SuiteBug(Shown.message(message, redact), thrown.getStackTrace());
    }
}
