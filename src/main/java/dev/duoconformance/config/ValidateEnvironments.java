package dev.duoconformance.config;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Checks every {@code environments/*.yaml} (and {@code .yml}) without sending a request or starting anything: the job a
 * merge request to the environments gets. Such a pipeline usually has no secret variables (masked, protected or scoped
 * to the {@code duo/<env>} environments), so an unset {@code ${VAR}} is not an error here: it is named, and its key is
 * checked with a stand-in of the right shape ({@link EnvironmentLoader#checkWithoutSecrets}); the scheduled run still
 * refuses it. {@code -Dvalidate.requireVariables=true} refuses it here too.
 *
 * <p>{@code mvn -q compile exec:java@validate} — exit codes: 0 every file is valid; 2 a file is not (each one's message
 * printed); 3 a bug of the suite.
 */
public final class ValidateEnvironments {
    private ValidateEnvironments() {}

    public static void main(String[] args) {
        System.exit(command(System::getProperty, System::getenv, System.out, System.err));
    }

    public static int command(
            Function<String, String> properties,
            Function<String, String> environment,
            PrintStream out,
            PrintStream err) {
        try {
            Path directory = Path.of(
                    properties.apply("duo.environments.dir") == null
                            ? "environments"
                            : properties.apply("duo.environments.dir"));
            boolean requireVariables = Boolean.parseBoolean(properties.apply("validate.requireVariables"));
            List<String> names = names(directory);
            if (names.isEmpty()) {
                err.println("duo-conformance validate: no environment files in " + directory
                        + "/ (environments/<name>.yaml).");
                return 2;
            }
            EnvironmentLoader loader = new EnvironmentLoader(directory, environment);
            int invalid = 0;
            for (String name : names) {
                String file = directory.getFileName() + "/" + name;
                try {
                    String env = name.substring(0, name.lastIndexOf('.'));
                    if (requireVariables) {
                        loader.validate(env, SimulatedDeployment.Settings.none());
                        out.println("duo-conformance validate: " + file + ": valid");
                    } else {
                        EnvironmentLoader.Checked checked = loader.checkWithoutSecrets(env);
                        out.println("duo-conformance validate: " + file + ": valid"
                                + (checked.unsetVariables().isEmpty()
                                        ? ""
                                        : " (not set in this pipeline, checked with a stand-in: "
                                                + String.join(", ", checked.unsetVariables()) + ")"));
                    }
                } catch (ConfigurationException e) {
                    invalid++;
                    err.println("duo-conformance validate: " + e.getMessage());
                }
            }
            out.println("duo-conformance validate: " + (names.size() - invalid) + " of " + names.size()
                    + " environment files valid.");
            return invalid == 0 ? 0 : 2;
        } catch (RuntimeException | Error e) {
            err.println("duo-conformance validate: internal error, a bug of the suite (please report it): " + e);
            return 3;
        }
    }

    /** The environment files, by name: every {@code .yaml}/{@code .yml} file directly in the folder. */
    private static List<String> names(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") || f.endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
