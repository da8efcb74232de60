package dev.duoconformance.rules;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.http.Memo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine: holds the run's rules, evaluates each condition once per run (however many checks ask), and applies
 * the blocked-by policy in one place: a rule whose own probe broke is blamed on the first broken upstream it
 * declared, else it fails itself.
 */
public final class Rules {
    private final Memo memo = new Memo();
    private final Map<Class<? extends Rule>, Rule> rules = new LinkedHashMap<>();

    public Rules add(Rule rule) {
        rules.put(rule.getClass(), rule);
        return this;
    }

    public <R extends Rule> R get(Class<R> type) {
        Rule rule = rules.get(type);
        if (rule == null) {
            throw new IllegalStateException("no rule " + type.getSimpleName() + " in this run");
        }
        return type.cast(rule);
    }

    /** The condition {@code name} of {@code rule}, evaluated once per run. */
    public Condition once(Rule rule, String name, Supplier<Condition> evaluation) {
        return memo.once(rule.getClass().getName() + "#" + name, evaluation);
    }

    /**
     * The blocked-by policy: {@code rule}'s own probe found {@code failure}; the first of {@code upstream} (conditions
     * of sections the rule declared upstream) that is broken is the root cause instead, else the failure stands.
     */
    @SafeVarargs
    public final Condition blame(Rule rule, Failure failure, Supplier<Condition>... upstream) {
        return firstBroken(rule, List.of(upstream)).orElseGet(() -> Condition.broken(failure));
    }

    public Condition blame(Rule rule, Failure failure, List<Supplier<Condition>> upstream) {
        return firstBroken(rule, upstream).orElseGet(() -> Condition.broken(failure));
    }

    /** The first broken of {@code upstream}; each must belong to a section {@code rule} declared upstream (or to its own). */
    @SafeVarargs
    public final Optional<Condition> firstBroken(Rule rule, Supplier<Condition>... upstream) {
        return firstBroken(rule, List.of(upstream));
    }

    public Optional<Condition> firstBroken(Rule rule, List<Supplier<Condition>> upstream) {
        for (Supplier<Condition> condition : upstream) {
            Condition found = condition.get();
            if (found instanceof Condition.Broken broken) {
                String owner = broken.failure().section();
                if (!upstreamOf(rule.declared().section()).contains(owner)) {
                    throw new IllegalStateException(rule.getClass().getSimpleName() + " was blocked by " + owner
                            + ", which it does not declare upstream");
                }
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /** The sections upstream of {@code section}, transitively, and the section itself. */
    public java.util.Set<String> upstreamOf(String section) {
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        java.util.Deque<String> next = new java.util.ArrayDeque<>(List.of(section));
        while (!next.isEmpty()) {
            String current = next.pop();
            if (seen.add(current)) {
                rules.values().stream().map(Rule::declared).filter(d -> d.section().equals(current))
                        .forEach(d -> next.addAll(d.upstream()));
            }
        }
        return seen;
    }
}
