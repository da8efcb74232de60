package dev.duoconformance.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Run by the build before any check: checks the environment without starting anything (not even the simulators) and
 * stops the run with one message and exit code 2 when it is wrong, so a bad file never turns into a page of failed checks.
 */
public final class ValidateEnvironment {
    private ValidateEnvironment() {}

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "";
        Function<String, Optional<String>> parameters = key -> Optional.ofNullable(System.getProperty(key));
        try {
            Language.of(System.getProperty("lang"));
            Environment environment = new EnvironmentLoader(RunPaths.of(name, parameters).environments(), System::getenv)
                    .validate(name, SimulatedDeployment.Settings.from(parameters));
            System.out.println("duo-conformance: environment '" + environment.name() + "' is valid.");
        } catch (ConfigurationException e) {
            System.err.println();
            System.err.println("duo-conformance: " + e.getMessage());
            System.err.println();
            System.exit(2);
        }
    }
}
