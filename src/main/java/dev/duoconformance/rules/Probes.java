package dev.duoconformance.rules;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.console.GitLabConsole;
import dev.duoconformance.http.AiGatewayClient;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.http.TlsInspector;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one section's automation reads: the environment file, the clients of the deployment, and the outcomes of the
 * sections it declares it depends on. Every read of another section goes through here, so the engine refuses one the
 * declaration does not name.
 */
public final class Probes {
    private final Rules engine;
    private final Declaration<?> reader;

    Probes(Rules engine, Declaration<?> reader) {
        this.engine = engine;
        this.reader = reader;
    }

    /** The id of the section reading. */
    public String section() {
        return reader.id();
    }

    public Environment environment() {
        return engine.deployment().environment();
    }

    /** GitLab's client; a section reading GitLab is only automated in a run that configures one. */
    public GitLabClient gitlab() {
        return engine.deployment()
                .gitlab()
                .orElseThrow(
                        () -> new IllegalStateException(reader + " read GitLab, which this run does not configure"));
    }

    public boolean hasGitLab() {
        return engine.deployment().gitlab().isPresent();
    }

    public Optional<AiGatewayClient> aiGateway() {
        return engine.deployment().aiGateway();
    }

    public ModelServerClient modelServers() {
        return engine.deployment().modelServers();
    }

    public TlsInspector tls() {
        return engine.deployment().tls();
    }

    /** The AI gateway's instances, judged by the runtime sections' one policy, when the run has access to its runtime. */
    public Optional<EachInstance> instances() {
        return engine.deployment().runtime().map(runtime -> new EachInstance(this, runtime));
    }

    public GitLabConsole console() {
        return engine.deployment()
                .console()
                .orElseThrow(() -> new IllegalStateException(
                        reader + " read GitLab's console, which this run does not configure"));
    }

    /** A check of a section this one depends on (or of its own), gated and evaluated once per run. */
    public Condition outcome(Check<?> check) {
        return engine.read(reader, check, null);
    }

    /** A per-model check of a section this one depends on (or of its own), for one model. */
    public Condition outcome(Check<?> check, Environment.Model model) {
        return engine.read(reader, check, model);
    }

    /** The automation of a section this one depends on, for a reading that is not one of its checks. */
    public <T> T of(Declaration<T> section) {
        return engine.automation(reader, section);
    }

    /** A condition of this section's own, evaluated once per run however many checks ask for it. */
    public Condition once(String name, Supplier<Condition> evaluation) {
        return engine.once(reader.id() + "#" + name, evaluation);
    }

    /**
     * The blocked-by policy: this section's own probe found {@code failure}; the first of {@code upstream} (conditions of
     * sections it depends on) that is broken is the root cause instead, else the failure stands.
     */
    @SafeVarargs
    public final Condition blame(Failure failure, Supplier<Condition>... upstream) {
        return firstBroken(List.of(upstream)).orElseGet(() -> Condition.broken(failure));
    }

    public Condition blame(Failure failure, List<Supplier<Condition>> upstream) {
        return firstBroken(upstream).orElseGet(() -> Condition.broken(failure));
    }

    @SafeVarargs
    public final Optional<Condition> firstBroken(Supplier<Condition>... upstream) {
        return firstBroken(List.of(upstream));
    }

    /** The first broken of {@code upstream}; its owner must lie upstream of this section (or be this section). */
    public Optional<Condition> firstBroken(List<Supplier<Condition>> upstream) {
        return engine.firstBroken(reader, upstream);
    }
}
