package dev.duoconformance.junit;

import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Evidence;
import dev.duoconformance.rules.Rules;
import io.qameta.allure.model.Status;

/**
 * The check a test method of a check class runs: the one of the same name in its section's declaration, whose gate the
 * extension has already applied. Judging it turns its condition into the test's outcome, with what it read attached.
 */
public final class SectionCheck {
    private final Check<?> check;
    private final Rules rules;
    private final Verdict verdict;

    SectionCheck(Check<?> check, Rules rules, Verdict verdict) {
        this.check = check;
        this.rules = rules;
        this.verdict = verdict;
    }

    public void judge() {
        judge(rules.judge(check, null));
    }

    /** A per-model check, for the model under check (or "not checked" when the environment has none of its kind). */
    public void judge(ModelUnderCheck model) {
        judge(rules.judge(check, model.get()));
    }

    private void judge(Condition condition) {
        rules.show(check, new Evidence() {
            @Override
            public void attach(String name, String content) {
                verdict.attach(name, content);
            }

            @Override
            public void step(String line, Mark mark) {
                verdict.step(
                        line,
                        switch (mark) {
                            case PASSED -> Status.PASSED;
                            case FAILED -> Status.FAILED;
                            case SKIPPED -> Status.SKIPPED;
                        });
            }

            @Override
            public void note(String line) {
                verdict.note(line);
            }
        });
        verdict.require(condition);
    }
}
