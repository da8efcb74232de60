package dev.duoconformance.sections;

import dev.duoconformance.rules.Declaration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sections' dependency graph, read from their declarations: an edge from a section to each section it depends on
 * (whose outcomes it reads, and which may block it). The self-tests hold it to its rules and the architecture page
 * shows it, rendered here, so the picture cannot drift from the code.
 */
public record SectionGraph(Map<String, List<String>> dependsOn) {

    public static SectionGraph of(List<Declaration<?>> declarations) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        declarations.forEach(d -> edges.put(d.id(), d.dependsOn()));
        return new SectionGraph(edges);
    }

    /** Groups of sections that depend on each other, directly or around a loop (Tarjan's strongly connected components). */
    public List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> found = new ArrayList<>();
        for (String section : dependsOn.keySet()) {
            if (!index.containsKey(section)) {
                connect(section, index, low, stack, found);
            }
        }
        return found.stream().filter(group -> group.size() > 1).toList();
    }

    private void connect(
            String section,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            List<Set<String>> found) {
        index.put(section, index.size());
        low.put(section, index.get(section));
        stack.push(section);
        for (String upstream : dependsOn.getOrDefault(section, List.of())) {
            if (!index.containsKey(upstream)) {
                connect(upstream, index, low, stack, found);
                low.put(section, Math.min(low.get(section), low.get(upstream)));
            } else if (stack.contains(upstream)) {
                low.put(section, Math.min(low.get(section), index.get(upstream)));
            }
        }
        if (low.get(section).equals(index.get(section))) {
            Set<String> group = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                group.add(member);
            } while (!member.equals(section));
            found.add(group);
        }
    }

    /** The graph as a Mermaid flowchart: each section once, then an arrow from a section to each section it depends on. */
    public String mermaid() {
        StringBuilder chart = new StringBuilder("```mermaid\nflowchart TB\n");
        dependsOn
                .keySet()
                .forEach(section -> chart.append("  ")
                        .append(node(section))
                        .append("[")
                        .append(section)
                        .append("]\n"));
        dependsOn.forEach((section, upstream) -> upstream.forEach(u -> chart.append("  ")
                .append(node(section))
                .append(" --> ")
                .append(node(u))
                .append("\n")));
        return chart.append("```\n").toString();
    }

    private static String node(String section) {
        return section.replace('-', '_');
    }
}
