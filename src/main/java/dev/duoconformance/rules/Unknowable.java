package dev.duoconformance.rules;

/**
 * A reading of one instance that cannot be made from here (a variable from a Secret, an exec the engine refused): the
 * instance's condition is then unknown with this reason. Thrown by a reading, caught where the condition is made.
 */
public final class Unknowable extends RuntimeException {
    public Unknowable(String reason) {
        super(reason, null, false, false);
    }
}
