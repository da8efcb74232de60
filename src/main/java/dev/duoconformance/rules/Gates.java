package dev.duoconformance.rules;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabVersion;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Applies a check's {@link Gate}: whether the run can judge it at all. For the check's own test a closed gate is its
 * outcome ("not checked", "not applicable", or blocked by the section that broke); for a section reading the check's
 * outcome it is a condition that cannot be known (or the blocking one).
 */
public final class Gates {
    /** Why a gate is closed. */
    public sealed interface Closed {
        /** The condition a reader of the check gets instead of its outcome. */
        Condition asCondition();
    }

    public record NotChecked(String reason) implements Closed {
        @Override
        public Condition asCondition() {
            return Condition.unknown(reason);
        }
    }

    /** The target's version has no such API: no gap in the section. */
    public record NotApplicable(String reason) implements Closed {
        @Override
        public Condition asCondition() {
            return Condition.unknown(reason);
        }
    }

    /** Configured means required: a GitLab that does not answer as GitLab's API blocks every check that reads it. */
    public record Blocked(Condition.Broken by) implements Closed {
        @Override
        public Condition asCondition() {
            return by;
        }
    }

    /** What the run's settings say: the catalogue's words, the environment file as shown, the opt-ins, the demo. */
    public record Settings(
            Catalogue words,
            String environmentFile,
            boolean simulated,
            Predicate<String> optedIn,
            BiConsumer<String, String> fact) {}

    private final Settings settings;
    private final Deployment deployment;
    private final Supplier<Condition> gitlabAnswers;

    Gates(Settings settings, Deployment deployment, Supplier<Condition> gitlabAnswers) {
        this.settings = settings;
        this.deployment = deployment;
        this.gitlabAnswers = gitlabAnswers;
    }

    public Optional<Closed> closed(Gate gate) {
        Catalogue words = settings.words();
        String file = settings.environmentFile();
        if (gate.optIn().isPresent()
                && !settings.optedIn().test(gate.optIn().get().parameter())) {
            return notChecked(words.console(
                    "opt_in",
                    "runs",
                    gate.optIn().get().runs(),
                    "parameter",
                    gate.optIn().get().parameter()));
        }
        if (gate.vantages().contains(Gate.Vantage.AI_GATEWAY)
                && deployment.aiGateway().isEmpty()) {
            return notChecked(words.console("no_ai_gateway_url", "file", file));
        }
        if (gate.vantages().contains(Gate.Vantage.RUNTIME)
                && deployment.runtime().isEmpty()) {
            return notChecked(
                    settings.simulated()
                            ? words.console("no_runtime_in_demo")
                            : words.console("no_runtime", "file", file));
        }
        if (gate.vantages().contains(Gate.Vantage.CONSOLE)
                && deployment.console().isEmpty()) {
            return notChecked(words.console("no_console", "file", file));
        }
        return gate.gitlab().flatMap(this::closed);
    }

    private Optional<Closed> closed(Gate.GitLabApi api) {
        Catalogue words = settings.words();
        String file = settings.environmentFile();
        if (deployment.gitlab().isEmpty()) {
            return notChecked(words.console("no_gitlab", "file", file));
        }
        GitLabClient gitlab = deployment.gitlab().get();
        gitlab.startReading(api.identities());
        if (gitlabAnswers.get() instanceof Condition.Broken broken) {
            return Optional.of(new Blocked(broken));
        }
        gitlab.instanceVersion().ifPresent(v -> settings.fact().accept("gitlab.version", v.toString()));
        for (GitLabClient.Identity identity : api.identities()) {
            if (!gitlab.has(identity)) {
                return notChecked(words.console(
                        "token_not_set", "key", identity.key(), "file", file, "description", identity.description()));
            }
            Optional<String> problem = gitlab.identityProblem(identity);
            if (problem.isPresent()) {
                return notChecked(problem.get());
            }
        }
        if (api.since().isEmpty() && api.until().isEmpty()) {
            return Optional.empty();
        }
        Optional<GitLabVersion> read = gitlab.instanceVersion();
        if (read.isEmpty()) {
            return notChecked(
                    "GitLab's version could not be read (" + gitlab.version().request() + ": "
                            + gitlab.version().outcome() + "), and " + api.api() + " depends on it");
        }
        GitLabVersion version = read.get();
        if (!api.since().isEmpty() && version.isBefore(GitLabVersion.of(api.since()))) {
            return Optional.of(new NotApplicable(
                    words.console("from_version", "api", api.api(), "since", api.since(), "version", version)));
        }
        if (!api.until().isEmpty() && version.isAtLeast(GitLabVersion.of(api.until()))) {
            return Optional.of(new NotApplicable(
                    words.console("before_version", "api", api.api(), "until", api.until(), "version", version)));
        }
        return Optional.empty();
    }

    private static Optional<Closed> notChecked(String reason) {
        return Optional.of(new NotChecked(reason));
    }
}
