package dev.duoconformance.junit;

import dev.duoconformance.config.Environment;
import org.opentest4j.TestAbortedException;

/** One configured model a check runs for, or the reason there is none of the kind the check needs. */
public record ModelUnderCheck(Environment.Model model, String noneReason) {

    public Environment.Model get() {
        if (model == null) {
            throw new TestAbortedException(Verdict.NOT_CHECKED + noneReason);
        }
        return model;
    }

    @Override
    public String toString() {
        return model == null ? "no model" : model.name();
    }
}
