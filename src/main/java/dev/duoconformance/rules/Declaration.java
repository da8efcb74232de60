package dev.duoconformance.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A section of the troubleshooting doc as the suite automates it, in one place: its id (its anchor, title, components,
 * causes and words are the catalogue's, under the same id), the sections it depends on (whose outcomes it reads, and
 * which may block it), its checks with their gates, and its automation {@code S}: what it reads, made from the run's
 * {@link Probes}. Adding a section, or a version boundary to one, is an edit here and in the catalogue.
 */
public final class Declaration<S> {
    private final String id;
    private final Function<Probes, S> automation;
    private final List<String> dependsOn;
    private final List<Check<S>> checks;

    private Declaration(String id, Function<Probes, S> automation, List<String> dependsOn, List<Check<S>> checks) {
        this.id = id;
        this.automation = automation;
        this.dependsOn = List.copyOf(dependsOn);
        this.checks = List.copyOf(checks);
    }

    public static <S> Declaration<S> of(String id, Function<Probes, S> automation) {
        return new Declaration<>(id, automation, List.of(), List.of());
    }

    /** The sections this one reads, in the order its checks consult them when their own probe shows a problem. */
    public Declaration<S> dependsOn(String... sections) {
        return new Declaration<>(id, automation, Arrays.asList(sections), checks);
    }

    @SafeVarargs
    public final Declaration<S> checks(Check<S>... declared) {
        List<Check<S>> all = new ArrayList<>(checks);
        all.addAll(Arrays.asList(declared));
        return new Declaration<>(id, automation, dependsOn, all);
    }

    public String id() {
        return id;
    }

    public List<String> dependsOn() {
        return dependsOn;
    }

    public List<Check<S>> checks() {
        return checks;
    }

    public Optional<Check<S>> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    S automate(Probes probes) {
        return automation.apply(probes);
    }

    @Override
    public String toString() {
        return id;
    }
}
