package dev.duoconformance.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Run by the build before any check: loads the environment once and stops the run with one message and exit
 * code 2 when it is wrong, so a bad file never turns into a page of failed checks. It starts no container: the run does.
 */
public final class ValidateEnvironment {
    private ValidateEnvironment() {}

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "";
        try (var loaded = new EnvironmentLoader(Path.of("environments"), System::getenv)
                .load(name, SimulatedDeployment.Settings.from(key -> Optional.ofNullable(System.getProperty(key))).withoutContainers())) {
            System.out.println("duo-conformance: environment '" + loaded.environment().name() + "' is valid.");
        } catch (ConfigurationException e) {
            System.err.println();
            System.err.println("duo-conformance: " + e.getMessage());
            System.err.println();
            System.exit(2);
        }
    }
}
