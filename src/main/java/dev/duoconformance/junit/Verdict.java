package dev.duoconformance.junit;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.catalogue.FailureRenderer;
import dev.duoconformance.catalogue.Shown;
import dev.duoconformance.report.Outcome;
import dev.duoconformance.rules.Condition;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.opentest4j.TestAbortedException;

/**
 * How a check ends other than passing: failed with the section's documented remediation, or not checked with the
 * reason (including "blocked by" an upstream section). Each method returns the exception for the check to throw; the
 * outcome travels in it as a value ({@link SectionFailed}, {@link SectionSkipped}). Every text on its way out of the
 * suite passes here: secrets masked, markup made inert.
 */
public final class Verdict {
    public static final String NOT_CHECKED = "not checked: ";
    public static final String BLOCKED_BY = NOT_CHECKED + "blocked by ";

    private final String section;
    private final FailureRenderer renderer;
    private final UnaryOperator<String> redact;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> known = new LinkedHashMap<>();

    Verdict(String section, FailureRenderer renderer, UnaryOperator<String> redact, Map<String, String> known) {
        this.section = section;
        this.renderer = renderer;
        this.redact = redact;
        this.known.putAll(known);
    }

    /** The values of a per-model check's model for the steps' placeholders ({@code {endpoint}}, {@code {name}}…). */
    void about(Map<String, String> model) {
        known.putAll(model);
    }

    public String section() {
        return section;
    }

    /**
     * Information worth reporting even when the check passes (an informational section's finding, a state the
     * administrator should know): shown as a step in Allure and as the detail of the section in the summary.
     */
    public void note(String information) {
        String text = shown(information, redact);
        notes.add(text);
        Allure.step(text);
    }

    /** A step of the check, such as one line a debugging script printed: through {@link Shown#message}. */
    public void step(String name, Status status) {
        Allure.step(shown(name, redact), status);
    }

    /** Evidence attached to the check's result (a transcript, a script's output): the name and content redacted. */
    public void attach(String name, String content) {
        attach(name, content, redact);
    }

    /** The one way evidence reaches the report: the name (HTML in Allure) as a message, the content as plain text. */
    static void attach(String name, String content, UnaryOperator<String> redact) {
        Allure.addAttachment(Shown.message(name, redact), "text/plain", Shown.plain(content, redact), ".txt");
    }

    /** Text on its way out of the suite as a message or a step name: through the one output pipeline, {@link Shown#message}. */
    static String shown(String text, UnaryOperator<String> redact) {
        return Shown.message(text, redact);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    private SectionFailed failed(Failure failure) {
        String message = renderer.render(failure, known);
        return new SectionFailed(
                failure,
                message,
                renderer.firstStep(failure, known).map(step -> "1. " + step).orElseGet(() -> firstLine(message)));
    }

    public TestAbortedException notChecked(String reason) {
        return notChecked(Outcome.NOT_CHECKED, null, reason, redact);
    }

    /** Not checked because the check does not apply to this target (its GitLab version has no such API): no gap in the section. */
    public TestAbortedException notApplicable(String reason) {
        return notChecked(Outcome.NOT_APPLICABLE, null, reason, redact);
    }

    public TestAbortedException blockedBy(String upstreamSection, String why) {
        return notChecked(
                Outcome.BLOCKED,
                upstreamSection,
                BLOCKED_BY.substring(NOT_CHECKED.length()) + upstreamSection + " (" + why + ")",
                redact);
    }

    /** The one way a "not checked" message is made: the reason after {@link #NOT_CHECKED}, redacted and inert. */
    static SectionSkipped notChecked(Outcome outcome, String upstream, String reason, UnaryOperator<String> redact) {
        String message = shown(NOT_CHECKED + reason, redact);
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
        if (condition instanceof Condition.NotApplicable notApplicable) {
            throw notApplicable(notApplicable.reason());
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
}
