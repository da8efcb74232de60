package dev.duoconformance.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a run finds and leaves things, in one place: {@code environments/<env>.yaml} (or {@code .yml}),
 * {@code allure-results/<env>/} with the run's summary, {@code allure-report/<env>/}. The build's validation step,
 * the checks and compare all ask here. (The pom names the two Allure folders for its plugins by the same convention.)
 */
public record RunPaths(Path environments, String env, Path results, Path report) {
    public static final String SUMMARY_FILE = "duo-conformance-summary.json";
    /** The summary of the run before, kept so an environment can be compared with its previous run (after an upgrade). */
    public static final String PREVIOUS_SUMMARY_FILE = "duo-conformance-summary.previous.json";
    /**
     * The summary of the environment's last run in the last successful pipeline on the default branch, fetched from GitLab's
     * job artifacts API for the upgrade gate ({@code <env>@baseline}).
     */
    public static final String BASELINE_SUMMARY_FILE = "duo-conformance-summary.baseline.json";

    private static final List<String> EXTENSIONS = List.of(".yaml", ".yml");

    /** The paths of environment {@code env}, from the run's parameters ({@code duo.environments.dir}, {@code duo.output.dir}). */
    public static RunPaths of(String env, Function<String, Optional<String>> parameters) {
        Path environments = Path.of(parameters.apply("duo.environments.dir").orElse("environments"));
        Path results = Path.of(parameters
                .apply("duo.output.dir")
                .or(() -> parameters.apply("allure.results.directory"))
                .orElse("allure-results/" + env));
        return new RunPaths(environments, env, results, Path.of("allure-report", env));
    }

    /** The paths of environment {@code env} in the project's default folders. */
    public static RunPaths of(String env) {
        return of(env, key -> Optional.empty());
    }

    /** The environment's file as it exists ({@code .yaml} first, then {@code .yml}). */
    public Optional<Path> existingEnvironmentFile() {
        return EXTENSIONS.stream()
                .map(e -> environments.resolve(env + e))
                .filter(Files::isRegularFile)
                .findFirst();
    }

    /** The environment's file as a person writes it in a hint: the existing one, else {@code <dir>/<env>.yaml}. */
    public String environmentFileShown() {
        Path file = existingEnvironmentFile().orElse(environments.resolve(env + EXTENSIONS.get(0)));
        return environments.getFileName() + "/" + file.getFileName();
    }

    public Path summary() {
        return results.resolve(SUMMARY_FILE);
    }

    public Path previousSummary() {
        return results.resolve(PREVIOUS_SUMMARY_FILE);
    }

    public Path baselineSummary() {
        return results.resolve(BASELINE_SUMMARY_FILE);
    }
}
