package dev.duoconformance.junit;

import dev.duoconformance.config.Environment;
import dev.duoconformance.report.Outcome;
import java.util.function.UnaryOperator;

/** One configured model a check runs for, or the reason there is none of the kind the check needs. */
public record ModelUnderCheck(Environment.Model model, String noneReason) {

    public Environment.Model get() {
        if (model == null) {
            throw Verdict.notChecked(Outcome.NOT_CHECKED, null, noneReason, UnaryOperator.identity());
        }
        return model;
    }

    @Override
    public String toString() {
        return model == null ? "no model" : model.name();
    }
}
