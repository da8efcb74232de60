package dev.duoconformance.junit;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.catalogue.FailureRenderer;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.report.Outcome;
import dev.duoconformance.rules.Answers;
import dev.duoconformance.rules.Condition;
import io.qameta.allure.Allure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * How a check ends other than passing: failed with the section's documented remediation, or not checked with the
 * reason (including "blocked by" an upstream section). Each method returns the exception for the check to throw.
 */
public final class Verdict {
    public static final String NOT_CHECKED = "not checked: ";
    public static final String BLOCKED_BY = NOT_CHECKED + "blocked by ";

    private final String section;
    private final FailureRenderer renderer;
    private final UnaryOperator<String> redact;
    private final List<String> notes = new ArrayList<>();

    Verdict(String section, FailureRenderer renderer, UnaryOperator<String> redact) {
        this.section = section;
        this.renderer = renderer;
        this.redact = redact;
    }

    public String section() {
        return section;
    }

    /**
     * Information worth reporting even when the check passes (an informational section's finding, a state the
     * administrator should know): shown as a step in Allure and as the detail of the section in the summary.
     */
    public void note(String information) {
        String text = redact.apply(information);
        notes.add(text);
        Allure.step(text);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    public AssertionFailedError failed(String cause, String checked, String expected, String butWas) {
        return failed(new Failure(section, cause, checked, expected, butWas));
    }

    private SectionFailed failed(Failure failure) {
        return new SectionFailed(failure, renderer.render(failure));
    }

    /** The documented failure for what an exchange brought back. */
    public AssertionFailedError failed(String cause, Exchange exchange, String expected) {
        return failed(cause, exchange.request(), expected, exchange.outcome());
    }

    public TestAbortedException notChecked(String reason) {
        return notChecked(Outcome.NOT_CHECKED, null, reason, redact);
    }

    public TestAbortedException blockedBy(String upstreamSection, String why) {
        return notChecked(Outcome.BLOCKED, upstreamSection, "blocked by " + upstreamSection + " (" + why + ")", redact);
    }

    /** The one way a "not checked" message is made: the reason after {@link #NOT_CHECKED}, redacted. */
    static SectionSkipped notChecked(Outcome outcome, String upstream, String reason, UnaryOperator<String> redact) {
        String message = redact.apply(NOT_CHECKED + reason);
        return new SectionSkipped(outcome, upstream, firstLine(message.substring(NOT_CHECKED.length())), message);
    }

    static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    /**
     * A condition this check requires: it passes when the condition holds, fails with the remediation when the
     * condition is this section's and is broken, is blocked when it is another section's, and is "not checked" when
     * the condition cannot be known from here.
     */
    public void require(Condition condition) {
        blockIf(condition);
        if (condition instanceof Condition.Unknown unknown) {
            throw notChecked(unknown.reason());
        }
        if (condition instanceof Condition.Holds holds) {
            holds.how().ifPresent(this::note);
        }
    }

    /** An upstream condition: blocks (or fails, when it is this section's own) only when it is broken. */
    public void blockIf(Condition condition) {
        if (condition instanceof Condition.Broken broken) {
            Failure failure = broken.failure();
            if (failure.section().equals(section)) {
                throw failed(failure);
            }
            throw blockedBy(failure.section(), broken.summary());
        }
    }

    /**
     * The exchange, when it says something about this section. Otherwise the check ends here: a TLS failure belongs
     * to {@code ai-gateway-tls} (blocked by it); a component that was silent earlier in the run, or that rate-limits
     * the suite, leaves the section not checked.
     */
    public Exchange usable(Exchange exchange) {
        Answers.unusable(exchange, section).ifPresent(this::require);
        return exchange;
    }
}
