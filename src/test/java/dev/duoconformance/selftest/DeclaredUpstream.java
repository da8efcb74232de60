package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.sections.AllSections;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The self-tests' expected "blocked by" graph: each section with the sections upstream of it, transitively, as the rules declare them. */
final class DeclaredUpstream {
    private static final Map<String, Set<String>> UPSTREAM = closure();

    private DeclaredUpstream() {}

    /** The sections declared upstream of {@code section}, transitively; empty for a section no rule declares. */
    static Set<String> of(String section) {
        return UPSTREAM.getOrDefault(section, Set.of());
    }

    /** Every "blocked by" among the results names a section its blocked section declares upstream. */
    static void assertEveryBlockIsDeclared(SuiteRun.Results results) {
        for (SuiteRun.CheckResult result : results.checks()) {
            result.blockedBy()
                    .ifPresent(upstream -> assertThat(of(result.section()))
                            .as("sections declared upstream of %s, which %s blocked", result.section(), upstream)
                            .contains(upstream));
        }
    }

    private static Map<String, Set<String>> closure() {
        Map<String, List<String>> direct = new HashMap<>();
        AllSections.DECLARED.forEach(
                d -> direct.computeIfAbsent(d.id(), k -> new ArrayList<>()).addAll(d.dependsOn()));
        Map<String, Set<String>> closure = new HashMap<>();
        for (String section : direct.keySet()) {
            Set<String> seen = new LinkedHashSet<>();
            Deque<String> next = new ArrayDeque<>(direct.get(section));
            while (!next.isEmpty()) {
                String upstream = next.pop();
                if (seen.add(upstream)) {
                    next.addAll(direct.getOrDefault(upstream, List.of()));
                }
            }
            closure.put(section, seen);
        }
        return closure;
    }
}
