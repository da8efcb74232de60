package dev.duoconformance.rules;

import java.util.List;

/**
 * The automation of one documented condition, owned by one section: it sends (or reads) its own probes and says
 * whether the condition holds. It declares the sections upstream of it: when its own probe shows a problem, the
 * engine ({@link Rules#blame}) reports the first of those that is broken instead, so one root cause fails one section.
 */
public interface Rule {
    /** The section and its upstream sections, in the order they are consulted. */
    Declaration declared();

    record Declaration(String section, List<String> upstream) {
        public static Declaration of(String section, String... upstream) {
            return new Declaration(section, List.of(upstream));
        }
    }
}
