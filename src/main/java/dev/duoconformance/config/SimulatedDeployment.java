package dev.duoconformance.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The embedded deployment behind {@code simulated_deployment: true} (the demo). It lives with the project's
 * tests and is found through {@link java.util.ServiceLoader}, so the suite itself does not depend on it.
 */
public interface SimulatedDeployment extends AutoCloseable {

    /** Values for the {@code ${VAR}} references of the environment file: the simulators' addresses and keys. */
    Map<String, String> variables();

    /** The environment file as the deployment's faults change it (a fault can be a misconfiguration). */
    JsonNode adjust(JsonNode configuration);

    @Override
    void close();

    /**
     * The run's {@code demo.*} options: {@code demo.faults} (comma-separated fault ids), {@code demo.record} (a file
     * to which the simulators write every request they received, one JSON object a line, when the run ends),
     * {@code demo.gitlab.version} (the GitLab version the simulated instance presents, such as 17.8),
     * {@code demo.mode} ({@code production}, the default: AI gateway authentication on; or {@code troubleshooting}:
     * the authentication bypass on, as the doc's direct AI gateway probes need) and {@code demo.latency} (a delay every
     * simulated component adds to each answer, e.g. {@code 500ms}, for benchmarks) and {@code demo.runtime}
     * ({@code docker}: the AI gateway also runs as a stand-in container on the local Docker engine, so the runtime
     * sections have a container to read).
     */
    record Settings(
            List<String> faults,
            Optional<Path> record,
            Optional<String> gitlabVersion,
            Optional<String> mode,
            Duration latency,
            Optional<String> runtime) {
        public static Settings none() {
            return new Settings(
                    List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty());
        }

        public static Settings from(Function<String, Optional<String>> options) {
            String latency =
                    options.apply("demo.latency").filter(s -> !s.isBlank()).orElse("0ms");
            if (!latency.matches("\\d+ms")) {
                throw new ConfigurationException(
                        "-Ddemo.latency=" + latency + " is not a delay in milliseconds, such as 500ms.");
            }
            return new Settings(
                    commaSeparated(options.apply("demo.faults").orElse("")),
                    options.apply("demo.record").filter(s -> !s.isBlank()).map(Path::of),
                    options.apply("demo.gitlab.version").map(String::strip).filter(s -> !s.isEmpty()),
                    options.apply("demo.mode").map(String::strip).filter(s -> !s.isEmpty()),
                    Duration.ofMillis(Long.parseLong(latency.substring(0, latency.length() - 2))),
                    options.apply("demo.runtime").map(String::strip).filter(s -> !s.isEmpty()));
        }

        private static List<String> commaSeparated(String value) {
            return Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }

        /** Whether any option asks something of a simulated deployment (they are mistakes for a real one). */
        public boolean asksForSimulation() {
            return !faults.isEmpty()
                    || gitlabVersion.isPresent()
                    || mode.isPresent()
                    || !latency.isZero()
                    || runtime.isPresent();
        }
    }

    interface Factory {
        /** Starts the simulators with the settings' faults; an unknown fault name is a {@link ConfigurationException}. */
        SimulatedDeployment start(Settings settings);

        /**
         * Checks the settings and gives stand-in values of the deployment's variables, without starting anything: what
         * the build's validation step needs to check the environment file.
         */
        Map<String, String> standIns(Settings settings);
    }
}
