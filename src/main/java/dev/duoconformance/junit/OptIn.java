package dev.duoconformance.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check that runs something heavier than the suite's own read-only probes (the troubleshooting scripts): it runs
 * only when the run sets {@code -D<parameter>=true}, and is "not checked" with that hint otherwise.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OptIn {
    /** The run option that allows it, e.g. {@code scripts} for {@code -Dscripts=true}. */
    String parameter();

    /** What it runs, for the "not checked" message. */
    String runs();
}
