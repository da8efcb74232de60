package dev.duoconformance.junit;

import dev.duoconformance.report.Outcome;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * A check that ended without a verdict on its section: not checked (with the reason), blocked by an upstream section,
 * or waived. The outcome and the upstream travel as values; the message is what a person reads.
 */
public final class SectionSkipped extends TestAbortedException {
    private final Outcome outcome;
    private final String upstream;
    private final String detail;

    SectionSkipped(Outcome outcome, String upstream, String detail, String message) {
        super(message);
        this.outcome = outcome;
        this.upstream = upstream;
        this.detail = detail;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The upstream section that blocked the check. */
    public Optional<String> upstream() {
        return Optional.ofNullable(upstream);
    }

    /** The one line the summary shows. */
    public String detail() {
        return detail;
    }
}
