package dev.duoconformance.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.Map;

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
     * to which the simulators write every request they received, one JSON object a line, when the run ends) and
     * {@code demo.latency} (a delay every simulated component adds to each answer, e.g. {@code 500ms}, for benchmarks).
     */
    record Settings(List<String> faults, Optional<Path> record, Duration latency) {
        public static Settings none() {
            return new Settings(List.of(), Optional.empty(), Duration.ZERO);
        }

        public static Settings from(Function<String, Optional<String>> options) {
            String latency = options.apply("demo.latency").filter(s -> !s.isBlank()).orElse("0ms");
            if (!latency.matches("\\d+ms")) {
                throw new ConfigurationException("-Ddemo.latency=" + latency + " is not a delay in milliseconds, such as 500ms.");
            }
            return new Settings(RunOptions.faults(options.apply("demo.faults").orElse("")),
                    options.apply("demo.record").filter(s -> !s.isBlank()).map(Path::of),
                    Duration.ofMillis(Long.parseLong(latency.substring(0, latency.length() - 2))));
        }
    }

    interface Factory {
        /** Starts the simulators with the settings' faults; an unknown fault name is a {@link ConfigurationException}. */
        SimulatedDeployment start(Settings settings);
    }
}
