package dev.duoconformance.junit;

import dev.duoconformance.catalogue.Section;
import dev.duoconformance.rules.Declaration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A section's Allure severity, from the declared dependencies: one whose failure blocks many others is a blocker, one
 * that blocks some is critical, the rest normal; an informational section (no cause of it ever fails) is minor.
 */
record Severities(Map<String, Integer> blocked) {
    private static final int BLOCKER = 5;

    static Severities of(List<Declaration<?>> declarations) {
        Map<String, Set<String>> downstream = new HashMap<>();
        declarations.forEach(d -> d.dependsOn()
                .forEach(
                        u -> downstream.computeIfAbsent(u, k -> new HashSet<>()).add(d.id())));
        Map<String, Integer> blocked = new HashMap<>();
        for (String section : downstream.keySet()) {
            Set<String> seen = new HashSet<>();
            Deque<String> next = new ArrayDeque<>(downstream.get(section));
            while (!next.isEmpty()) {
                String current = next.pop();
                if (seen.add(current)) {
                    next.addAll(downstream.getOrDefault(current, Set.of()));
                }
            }
            seen.remove(section);
            blocked.put(section, seen.size());
        }
        return new Severities(Map.copyOf(blocked));
    }

    String of(Section section) {
        if (section.notAutomated().keySet().containsAll(section.causes().keySet())) {
            return "minor";
        }
        int count = blocked.getOrDefault(section.id(), 0);
        return count >= BLOCKER ? "blocker" : count > 0 ? "critical" : "normal";
    }
}
