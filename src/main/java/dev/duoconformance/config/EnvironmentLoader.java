package dev.duoconformance.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads {@code environments/<name>.yaml}: the file bounded and decoded ({@link EnvironmentFile}), its YAML parsed strictly
 * ({@link StrictYaml}), every key checked against the schema ({@link Keys}), {@code ${VAR}} and {@code ${VAR:-default}}
 * filled from the process environment ({@link Interpolation}), and the result turned into an {@link Environment}
 * ({@link EnvironmentReader}). Every mistake becomes one {@link ConfigurationException} naming the file, the key and what to do.
 */
public final class EnvironmentLoader {
    /** What an environment may be called: a plain file name, never a path (also how compare and the matrix tell names). */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path directory;
    private final Function<String, String> processEnvironment;

    public EnvironmentLoader(Path directory, Function<String, String> processEnvironment) {
        this.directory = directory;
        this.processEnvironment = processEnvironment;
    }

    /** The HTTP settings of a command without an environment file: default timeouts, a CA bundle, the process's proxy variables. */
    public static Environment.Http httpOfProcess(Function<String, String> processEnvironment, Optional<Path> caBundle) {
        return HttpBlock.fromProcessEnvironment(processEnvironment, caBundle);
    }

    /** The environment and, for a simulated one, the running simulated deployment that the caller must close. */
    public record Loaded(Environment environment, Optional<SimulatedDeployment> deployment) implements AutoCloseable {
        @Override
        public void close() {
            deployment.ifPresent(SimulatedDeployment::close);
        }
    }

    public Loaded load(String name, SimulatedDeployment.Settings simulation) {
        return load(name, simulation, true, Interpolation.Unset.REFUSE, new java.util.LinkedHashSet<>());
    }

    /** Checks the environment as {@link #load} does, without starting a simulated deployment (stand-in values instead). */
    public Environment validate(String name, SimulatedDeployment.Settings simulation) {
        try (Loaded loaded =
                load(name, simulation, false, Interpolation.Unset.REFUSE, new java.util.LinkedHashSet<>())) {
            return loaded.environment();
        }
    }

    /** An environment checked without its secrets, and the variables that were not set (each checked with a stand-in). */
    public record Checked(Environment environment, java.util.List<String> unsetVariables) {}

    /**
     * Checks the environment as a merge request pipeline can, where secret variables are usually not set: an unset
     * {@code ${VAR}} is checked with a stand-in of the shape its key needs ({@link Interpolation#STAND_IN}) and named in
     * the answer; everything else is checked as a run checks it. Starts nothing, sends nothing.
     */
    public Checked checkWithoutSecrets(String name) {
        java.util.Set<String> unset = new java.util.LinkedHashSet<>();
        try (Loaded loaded = load(name, SimulatedDeployment.Settings.none(), false, Interpolation.STAND_IN, unset)) {
            return new Checked(loaded.environment(), java.util.List.copyOf(unset));
        }
    }

    private Loaded load(
            String name,
            SimulatedDeployment.Settings simulation,
            boolean start,
            Interpolation.Unset unsetVariables,
            java.util.Set<String> stoodIn) {
        if (name == null || name.isBlank()) {
            throw new ConfigurationException(
                    "No environment given. Run with -Denv=<name>, one of: " + existingNames() + ".");
        }
        Path file = fileOf(name);
        String where = directory.getFileName() + "/" + file.getFileName();
        String text = EnvironmentFile.read(where, file);
        JsonNode tree = StrictYaml.parse(where, text);
        Keys.ROOT.check(where, tree, "", StrictYaml.linesOf(text));
        Interpolation.checkSecretsComeFromVariables(where, tree, "");
        if (unsetVariables != Interpolation.Unset.REFUSE) {
            tree = filesCheckedAtRunTime(tree);
        }

        Optional<SimulatedDeployment> deployment = Optional.empty();
        Function<String, String> variables = processEnvironment;
        if (tree.path("simulated_deployment").asBoolean(false) && !start) {
            // Without the tests' classpath (a merge request's check), the simulated deployment's variables are stood in
            // like any unset one.
            Map<String, String> standIns =
                    unsetVariables != Interpolation.Unset.REFUSE && !hasSimulatedDeploymentFactory()
                            ? Map.of()
                            : simulatedDeploymentFactory(where).standIns(simulation);
            variables = v -> standIns.getOrDefault(v, processEnvironment.apply(v));
        } else if (tree.path("simulated_deployment").asBoolean(false)) {
            SimulatedDeployment started = startSimulatedDeployment(where, simulation);
            deployment = Optional.of(started);
            tree = started.adjust(tree);
            variables = v -> started.variables().getOrDefault(v, processEnvironment.apply(v));
        } else if (simulation.asksForSimulation()) {
            throw new ConfigurationException(
                    "-Ddemo.faults, -Ddemo.gitlab.version, -Ddemo.mode, -Ddemo.latency and -Ddemo.runtime only apply to a simulated "
                            + "deployment such as -Denv=demo; " + where + " describes a real one. Remove them.");
        }
        try {
            JsonNode filled = Interpolation.interpolate(where, tree, "", variables, unsetVariables, stoodIn);
            return new Loaded(new EnvironmentReader(where, processEnvironment).environment(name, filled), deployment);
        } catch (RuntimeException e) {
            deployment.ifPresent(SimulatedDeployment::close);
            throw e;
        }
    }

    private Path fileOf(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigurationException(
                    "Environment name '" + name + "' is not a file name. Use one of: " + existingNames() + ".");
        }
        Optional<Path> file = new RunPaths(directory, name, directory, directory).existingEnvironmentFile();
        if (file.isPresent()) {
            return file.get();
        }
        throw new ConfigurationException(
                "Unknown environment '" + name + "': there is no " + directory.getFileName() + "/" + name
                        + ".yaml. Environments that exist: " + existingNames()
                        + ". To add one, copy " + directory.getFileName() + "/example.yaml to "
                        + directory.getFileName() + "/" + name + ".yaml.");
    }

    private String existingNames() {
        if (!Files.isDirectory(directory)) {
            return "none (no " + directory + " directory)";
        }
        try (Stream<Path> files = Files.list(directory)) {
            String names = files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") || f.endsWith(".yml"))
                    .map(f -> f.substring(0, f.lastIndexOf('.')))
                    .sorted()
                    .collect(Collectors.joining(", "));
            return names.isEmpty() ? "none" : names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SimulatedDeployment startSimulatedDeployment(String where, SimulatedDeployment.Settings settings) {
        return simulatedDeploymentFactory(where).start(settings);
    }

    /** The file keys, marked to be checked at run time only (a merge request's runner is not the one that runs the checks). */
    private static JsonNode filesCheckedAtRunTime(JsonNode tree) {
        JsonNode copy = tree.deepCopy();
        for (String[] key : new String[][] {{"http", "ca_bundle"}, {"ai_gateway", "kubernetes", "kubeconfig"}}) {
            JsonNode parent = copy;
            for (int i = 0; i < key.length - 1; i++) {
                parent = parent.path(key[i]);
            }
            JsonNode file = parent.path(key[key.length - 1]);
            if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode object
                    && file.isTextual()
                    && !file.asText().isEmpty()) {
                object.put(key[key.length - 1], Interpolation.FILE_CHECKED_AT_RUN_TIME + file.asText());
            }
        }
        return copy;
    }

    private static boolean hasSimulatedDeploymentFactory() {
        return ServiceLoader.load(SimulatedDeployment.Factory.class).iterator().hasNext();
    }

    private static SimulatedDeployment.Factory simulatedDeploymentFactory(String where) {
        Iterator<SimulatedDeployment.Factory> factories =
                ServiceLoader.load(SimulatedDeployment.Factory.class).iterator();
        if (!factories.hasNext()) {
            throw new ConfigurationException(
                    where + " asks for the simulated deployment, which ships with the project's tests. "
                            + "Run it from the project: mvn verify -Denv=demo.");
        }
        return factories.next();
    }
}
