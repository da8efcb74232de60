package dev.duoconformance.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
     * The run's {@code demo.*} options: {@code demo.faults} (comma-separated fault ids) and {@code demo.record} (a file
     * to which the simulators write every request they received, one JSON object a line, when the run ends).
     */
    record Settings(List<String> faults, Optional<Path> record) {
        public static Settings none() {
            return new Settings(List.of(), Optional.empty());
        }

        public static Settings from(Function<String, Optional<String>> options) {
            return new Settings(RunOptions.faults(options.apply("demo.faults").orElse("")),
                    options.apply("demo.record").filter(s -> !s.isBlank()).map(Path::of));
        }
    }

    interface Factory {
        /** Starts the simulators with the settings' faults; an unknown fault name is a {@link ConfigurationException}. */
        SimulatedDeployment start(Settings settings);
    }
}
