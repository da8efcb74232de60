package dev.duoconformance.rules;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Memo;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The engine of one run: it automates each declared section when first needed, evaluates each check once per run
 * (however many checks read it), applies the gates, and holds the dependency graph: a section reads only the sections
 * it declares, and is blocked only by a section upstream of it; anything else is a bug in the suite, said at once.
 */
public final class Rules {
    private final Memo memo = new Memo();
    private final Map<String, Declaration<?>> declarations = new LinkedHashMap<>();
    private final Map<Check<?>, Declaration<?>> owners = new IdentityHashMap<>();
    private final Deployment deployment;
    private final Gates gates;

    public Rules(List<Declaration<?>> declared, Deployment deployment, Gates.Settings settings) {
        declared.forEach(d -> {
            declarations.put(d.id(), d);
            d.checks().forEach(check -> owners.put(check, d));
        });
        this.deployment = deployment;
        // Configured means required: every GitLab check waits on the suite's own precondition, gitlab-reachable.
        this.gates = new Gates(
                settings,
                deployment,
                () -> judge(declaration(Sections.GITLAB_REACHABLE).checks().get(0), null));
    }

    Deployment deployment() {
        return deployment;
    }

    public Declaration<?> declaration(String section) {
        Declaration<?> declaration = declarations.get(section);
        if (declaration == null) {
            throw new IllegalStateException("no section " + section + " is declared");
        }
        return declaration;
    }

    /** Why the run cannot judge {@code check}, if it cannot. */
    public Optional<Gates.Closed> closed(Check<?> check) {
        return gates.closed(check.gate());
    }

    /** The outcome of {@code check} (for {@code model}, when it is a per-model check), evaluated once per run. */
    public Condition judge(Check<?> check, Environment.Model model) {
        Declaration<?> owner = ownerOf(check);
        return memo.once(
                owner.id() + "#" + check.name() + (model == null ? "" : ":" + model.name()),
                () -> evaluate(owner, check, model));
    }

    /** What {@code check} shows beside its result, once judged. */
    public void show(Check<?> check, Evidence evidence) {
        showAs(ownerOf(check), check, evidence);
    }

    Condition read(Declaration<?> reader, Check<?> check, Environment.Model model) {
        Declaration<?> owner = ownerOf(check);
        requireDeclared(reader, owner);
        Optional<Gates.Closed> closed = gates.closed(check.gate());
        return closed.isPresent() ? closed.get().asCondition() : judge(check, model);
    }

    <T> T automation(Declaration<?> reader, Declaration<T> section) {
        requireDeclared(reader, section);
        return automation(section);
    }

    Condition once(String key, Supplier<Condition> evaluation) {
        return memo.once(key, evaluation);
    }

    Optional<Condition> firstBroken(Declaration<?> reader, List<Supplier<Condition>> upstream) {
        for (Supplier<Condition> condition : upstream) {
            Condition found = condition.get();
            if (found instanceof Condition.Broken broken) {
                String owner = broken.failure().section();
                if (!upstreamOf(reader.id()).contains(owner)) {
                    throw new IllegalStateException(
                            reader + " was blocked by " + owner + ", which is not upstream of it");
                }
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /** The sections upstream of {@code section}, transitively, and the section itself. */
    private Set<String> upstreamOf(String section) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(section));
        while (!next.isEmpty()) {
            String current = next.pop();
            if (seen.add(current) && declarations.containsKey(current)) {
                next.addAll(declarations.get(current).dependsOn());
            }
        }
        return seen;
    }

    private void requireDeclared(Declaration<?> reader, Declaration<?> read) {
        if (read != reader && !reader.dependsOn().contains(read.id())) {
            throw new IllegalStateException(reader + " read " + read + ", which it does not declare it depends on");
        }
    }

    private Declaration<?> ownerOf(Check<?> check) {
        Declaration<?> owner = owners.get(check);
        if (owner == null) {
            throw new IllegalStateException("check " + check.name() + " belongs to no declared section");
        }
        return owner;
    }

    @SuppressWarnings("unchecked")
    private <S> Condition evaluate(Declaration<?> owner, Check<S> check, Environment.Model model) {
        return check.judgement().apply(automation((Declaration<S>) owner), model);
    }

    @SuppressWarnings("unchecked")
    private <S> void showAs(Declaration<?> owner, Check<S> check, Evidence evidence) {
        check.evidence().accept(automation((Declaration<S>) owner), evidence);
    }

    private <T> T automation(Declaration<T> section) {
        return memo.once("automation:" + section.id(), () -> section.automate(new Probes(this, section)));
    }
}
