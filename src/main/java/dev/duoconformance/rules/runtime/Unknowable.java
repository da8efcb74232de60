package dev.duoconformance.rules.runtime;

/**
 * A reading of one instance that cannot be made from here (a variable from a Secret, an exec the engine refused): the
 * instance's condition is then unknown with this reason. Thrown by a reading, caught where the condition is made.
 */
final class Unknowable extends RuntimeException {
    Unknowable(String reason) {
        super(reason, null, false, false);
    }
}
