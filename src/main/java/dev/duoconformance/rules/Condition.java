package dev.duoconformance.rules;

import dev.duoconformance.catalogue.Failure;

/**
 * A documented condition as the suite found it: it holds, it is broken (with the failure of the section that owns
 * it), or it cannot be known from here (with the reason), or it is another check's to know (not applicable). The owning section fails on a broken condition; every
 * other section that depends on it is blocked by the owner — so one root cause fails exactly one section.
 */
public sealed interface Condition {

    static Condition holds() {
        return new Holds(java.util.Optional.empty());
    }

    /** It holds, proved another way than the usual one, which the check says. */
    static Condition holdsBecause(String how) {
        return new Holds(java.util.Optional.of(how));
    }

    static Condition broken(Failure failure) {
        return new Broken(failure);
    }

    static Condition unknown(String reason) {
        return new Unknown(reason);
    }

    /** It is not this check's to know here, and another check covers it: the section is judged without it. */
    static Condition notApplicable(String reason) {
        return new NotApplicable(reason);
    }

    default boolean isBroken() {
        return this instanceof Broken;
    }

    record Holds(java.util.Optional<String> how) implements Condition {}

    record Broken(Failure failure) implements Condition {
        /** What a blocked section says about it: what was checked and what came back. */
        public String summary() {
            return failure.checked() + ": " + failure.butWas();
        }
    }

    record Unknown(String reason) implements Condition {}

    record NotApplicable(String reason) implements Condition {}
}
