package dev.duoconformance.rules;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.runtime.GatewayInstance;
import dev.duoconformance.runtime.GatewayRuntime;
import dev.duoconformance.runtime.Inspection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The runtime sections' policy for the instances of the AI gateway (its container on Docker, each replica on
 * Kubernetes), written once: every instance is judged; the first documented failure of the section fails it, naming
 * its instance; otherwise an instance blocked by an upstream section blocks it; instances that cannot be checked are
 * noted while others pass, and leave the section not checked when none could be.
 */
public final class EachInstance {
    private final Probes probes;
    private final GatewayRuntime runtime;

    EachInstance(Probes probes, GatewayRuntime runtime) {
        this.probes = probes;
        this.runtime = runtime;
    }

    /** Every instance, or why none can be read (no access, no such container or pod). */
    public Inspection<List<GatewayInstance>> instances() {
        return runtime.instances();
    }

    /** The section's condition over every instance, by the policy above; {@code judgement} judges one instance. */
    public Condition judge(Function<GatewayInstance, Condition> judgement) {
        Inspection<List<GatewayInstance>> read = runtime.instances();
        if (!read.ok()) {
            return Condition.unknown(read.problem());
        }
        List<GatewayInstance> instances = read.value();
        if (instances.isEmpty()) {
            return Condition.unknown("no instance of the AI gateway was found");
        }
        String section = probes.section();
        Optional<Condition> blocked = Optional.empty();
        List<String> unknown = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (GatewayInstance instance : instances) {
            Condition found = readable(() -> judgement.apply(instance));
            if (found instanceof Condition.Broken broken
                    && broken.failure().section().equals(section)) {
                return found;
            }
            if (found.isBroken() && blocked.isEmpty()) {
                blocked = probes.firstBroken(
                        () -> found); // the engine holds the blocking section to the declared upstream
            }
            if (found instanceof Condition.Unknown why) {
                unknown.add(why.reason());
            }
            if (found instanceof Condition.Holds holds) {
                holds.how().ifPresent(notes::add);
            }
        }
        if (blocked.isPresent()) {
            return blocked.get();
        }
        if (unknown.size() == instances.size()) {
            return Condition.unknown(unknown.get(0));
        }
        unknown.forEach(reason -> notes.add("not checked: " + reason));
        return notes.isEmpty() ? Condition.holds() : Condition.holdsBecause(String.join("; ", notes));
    }

    /** A condition {@code name} of one instance, evaluated once per run (other sections ask for it to know whether they are blocked). */
    public Condition once(String name, GatewayInstance instance, Supplier<Condition> judgement) {
        return probes.once(name + "@" + instance.where(), () -> readable(judgement));
    }

    /** The section's documented failure found in an instance, its steps worded for the runtime (Docker, Kubernetes). */
    public Failure failure(String cause, String checked, String expected, String butWas) {
        return new Failure(probes.section(), cause, checked, expected, butWas, runtime.stepsWording());
    }

    private static Condition readable(Supplier<Condition> judgement) {
        try {
            return judgement.get();
        } catch (Unknowable e) {
            return Condition.unknown(e.getMessage());
        }
    }
}
