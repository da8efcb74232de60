package dev.duoconformance.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.duoconformance.catalogue.Catalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads {@code environments/<name>.yaml}: checks every key against the schema, fills {@code ${VAR}} and
 * {@code ${VAR:-default}} from the process environment, and turns the result into an {@link Environment}.
 * Every mistake becomes one {@link ConfigurationException} naming the file, the key and what to do.
 */
public final class EnvironmentLoader {
    /** What an environment may be called: a plain file name, never a path (also how compare and the matrix tell names). */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private static final Set<String> SECRET_KEYS = Set.of("admin_token", "user_token", "api_key");
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final Function<String, String> processEnvironment;

    public EnvironmentLoader(Path directory, Function<String, String> processEnvironment) {
        this.directory = directory;
        this.processEnvironment = processEnvironment;
    }

    /** The environment and, for a simulated one, the running simulated deployment that the caller must close. */
    public record Loaded(Environment environment, Optional<SimulatedDeployment> deployment) implements AutoCloseable {
        @Override
        public void close() {
            deployment.ifPresent(SimulatedDeployment::close);
        }
    }

    public Loaded load(String name, SimulatedDeployment.Settings simulation) {
        return load(name, simulation, true);
    }

    /** Checks the environment as {@link #load} does, without starting a simulated deployment (stand-in values instead). */
    public Environment validate(String name, SimulatedDeployment.Settings simulation) {
        try (Loaded loaded = load(name, simulation, false)) {
            return loaded.environment();
        }
    }

    private Loaded load(String name, SimulatedDeployment.Settings simulation, boolean start) {
        if (name == null || name.isBlank()) {
            throw new ConfigurationException("No environment given. Run with -Denv=<name>, one of: " + existingNames() + ".");
        }
        Path file = fileOf(name);
        String where = directory.getFileName() + "/" + file.getFileName();
        JsonNode tree = parse(where, file);
        Keys.ROOT.check(where, tree, "", linesOf(file));
        checkSecretsComeFromVariables(where, tree, "");

        Optional<SimulatedDeployment> deployment = Optional.empty();
        Function<String, String> variables = processEnvironment;
        if (tree.path("simulated_deployment").asBoolean(false) && !start) {
            Map<String, String> standIns = simulatedDeploymentFactory(where).standIns(simulation);
            variables = v -> standIns.getOrDefault(v, processEnvironment.apply(v));
        } else if (tree.path("simulated_deployment").asBoolean(false)) {
            SimulatedDeployment started = startSimulatedDeployment(where, simulation);
            deployment = Optional.of(started);
            tree = started.adjust(tree);
            variables = v -> started.variables().getOrDefault(v, processEnvironment.apply(v));
        } else if (simulation.asksForSimulation()) {
            throw new ConfigurationException("-Ddemo.faults, -Ddemo.gitlab.version, -Ddemo.mode and -Ddemo.latency only apply to a simulated "
                    + "deployment such as -Denv=demo; " + where + " describes a real one. Remove them.");
        }
        try {
            JsonNode filled = interpolate(where, tree, "", variables);
            return new Loaded(new Reader(where, processEnvironment).environment(name, filled), deployment);
        } catch (RuntimeException e) {
            deployment.ifPresent(SimulatedDeployment::close);
            throw e;
        }
    }

    private Path fileOf(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigurationException("Environment name '" + name + "' is not a file name. Use one of: " + existingNames() + ".");
        }
        Optional<Path> file = new RunPaths(directory, name, directory, directory).existingEnvironmentFile();
        if (file.isPresent()) {
            return file.get();
        }
        throw new ConfigurationException("Unknown environment '" + name + "': there is no " + directory.getFileName() + "/" + name
                + ".yaml. Environments that exist: " + existingNames()
                + ". To add one, copy " + directory.getFileName() + "/example.yaml to " + directory.getFileName() + "/" + name + ".yaml.");
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

    private static JsonNode parse(String where, Path file) {
        try {
            JsonNode tree = new YAMLMapper().readTree(file.toFile());
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new ConfigurationException(where + " is empty. Start from environments/example.yaml.");
            }
            if (!tree.isObject()) {
                throw new ConfigurationException(where + " must be a mapping of keys (gitlab, ai_gateway, models, http, waivers).");
            }
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigurationException(where + ": YAML syntax error" + position + ": " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + ". Fix the indentation or quoting there.");
        } catch (IOException e) {
            throw new ConfigurationException(where + " cannot be read: " + e.getMessage());
        }
    }

    /** Line of each key, by JSON pointer, so a message can point at the line to fix. */
    private static Map<String, Integer> linesOf(Path file) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLMapper().createParser(file.toFile())) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    String pointer = parser.getParsingContext().pathAsPointer().toString();
                    lines.put(pointer, parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static void checkSecretsComeFromVariables(String where, JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                String child = Keys.join(path, field.getKey());
                if (SECRET_KEYS.contains(field.getKey()) && field.getValue().isTextual()
                        && !field.getValue().asText().isEmpty() && !VARIABLE.matcher(field.getValue().asText()).matches()) {
                    throw new ConfigurationException(where + ": " + child + " holds a literal secret. Secrets come from the process "
                            + "environment only: write " + field.getKey() + ": ${SOME_VARIABLE} and export SOME_VARIABLE.");
                }
                checkSecretsComeFromVariables(where, field.getValue(), child);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkSecretsComeFromVariables(where, node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static SimulatedDeployment startSimulatedDeployment(String where, SimulatedDeployment.Settings settings) {
        return simulatedDeploymentFactory(where).start(settings);
    }

    private static SimulatedDeployment.Factory simulatedDeploymentFactory(String where) {
        Iterator<SimulatedDeployment.Factory> factories = ServiceLoader.load(SimulatedDeployment.Factory.class).iterator();
        if (!factories.hasNext()) {
            throw new ConfigurationException(where + " asks for the simulated deployment, which ships with the project's tests. "
                    + "Run it from the project: mvn verify -Denv=demo.");
        }
        return factories.next();
    }

    private static JsonNode interpolate(String where, JsonNode node, String path, Function<String, String> variables) {
        if (node.isTextual()) {
            return TextNode.valueOf(fill(where, path, node.asText(), variables));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), interpolate(where, f.getValue(), Keys.join(path, f.getKey()), variables)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(interpolate(where, node.get(i), path + "[" + i + "]", variables));
            }
            return copy;
        }
        return node;
    }

    private static String fill(String where, String path, String text, Function<String, String> variables) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.apply(m.group(1));
            if (value == null) {
                if (m.group(2) == null) {
                    throw new ConfigurationException(where + ": " + path + " uses ${" + m.group(1) + "}, which is not set. Export "
                            + m.group(1) + " before the run, or write ${" + m.group(1) + ":-} to allow it to be empty.");
                }
                value = m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Turns the checked, interpolated tree into records; each bad value is a message naming its key. */
    private static final class Reader {
        private final String where;
        private final Function<String, String> processEnvironment;

        Reader(String where, Function<String, String> processEnvironment) {
            this.where = where;
            this.processEnvironment = processEnvironment;
        }

        Environment environment(String name, JsonNode root) {
            List<Environment.Model> models = new ArrayList<>();
            JsonNode modelNodes = root.path("models");
            for (int i = 0; i < modelNodes.size(); i++) {
                models.add(model("models[" + i + "]", modelNodes.get(i)));
            }
            List<Environment.Waiver> waivers = new ArrayList<>();
            JsonNode waiverNodes = root.path("waivers");
            for (int i = 0; i < waiverNodes.size(); i++) {
                waivers.add(waiver("waivers[" + i + "]", waiverNodes.get(i)));
            }
            return new Environment(name,
                    optionalBlock(root, "gitlab").map(this::gitlab),
                    optionalBlock(root, "ai_gateway").map(this::aiGateway),
                    List.copyOf(models),
                    http(root.path("http")),
                    List.copyOf(waivers));
        }

        private Optional<JsonNode> optionalBlock(JsonNode root, String key) {
            JsonNode node = root.path(key);
            if (node.isMissingNode() || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isObject()) {
                throw new ConfigurationException(where + ": " + key + " must be a block of keys, see environments/example.yaml.");
            }
            return Optional.of(node);
        }

        private Environment.GitLab gitlab(JsonNode node) {
            Optional<Environment.Console> console = optionalBlock(node, "console").map(c -> new Environment.Console(
                    consoleCommand(c.path("command")),
                    consoleUser(text(c, "user", "gitlab.console.user").orElse("root"))));
            return new Environment.GitLab(requiredUrl(node, "url", "gitlab.url"),
                    Secret.of(text(node, "admin_token", "gitlab.admin_token").orElse("")),
                    Secret.of(text(node, "user_token", "gitlab.user_token").orElse("")),
                    console);
        }

        private Environment.AiGateway aiGateway(JsonNode node) {
            Optional<URI> url = optionalUrl(node, "url", "ai_gateway.url");
            Optional<URI> expected = optionalUrl(node, "expected_url", "ai_gateway.expected_url");
            if (url.isEmpty() && expected.isEmpty()) {
                throw new ConfigurationException(where + ": ai_gateway needs url (how this runner reaches the AI gateway) or "
                        + "expected_url (what GitLab must have configured), or both.");
            }
            Optional<Environment.Docker> docker = optionalBlock(node, "docker").map(d -> new Environment.Docker(
                    dockerHost(text(d, "host", "ai_gateway.docker.host").orElse("unix:///var/run/docker.sock")),
                    text(d, "container", "ai_gateway.docker.container").orElseThrow(() -> missing("ai_gateway.docker.container"))));
            return new Environment.AiGateway(url.orElse(null), expected.orElse(url.orElse(null)),
                    bool(node, "auth_bypass_expected", "ai_gateway.auth_bypass_expected"), docker);
        }

        private List<String> consoleCommand(JsonNode node) {
            if (node.isMissingNode() || node.isNull()) {
                throw missing("gitlab.console.command");
            }
            List<String> command = strings("gitlab.console.command", node);
            if (command.isEmpty() || command.stream().anyMatch(String::isBlank)) {
                throw new ConfigurationException(where + ": gitlab.console.command must list the program and its arguments, "
                        + "for example [ssh, gitlab.example.com, sudo, gitlab-rake].");
            }
            return command;
        }

        /** The user goes into the rake argument, which ssh hands to a remote shell: only a plain GitLab username. */
        private String consoleUser(String user) {
            if (!user.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
                throw new ConfigurationException(where + ": gitlab.console.user '" + user + "' is not a GitLab username "
                        + "(letters, digits, '_', '.', '-').");
            }
            return user;
        }

        private String dockerHost(String host) {
            if (!host.matches("(unix|tcp|npipe)://.+")) {
                throw new ConfigurationException(where + ": ai_gateway.docker.host '" + host + "' is not a Docker host the suite can reach. "
                        + "Write unix:///var/run/docker.sock or tcp://docker-host:2376 (ssh:// is not supported: forward the socket with "
                        + "`ssh -NL /tmp/aigw-docker.sock:/var/run/docker.sock <host>` and use unix:///tmp/aigw-docker.sock).");
            }
            return host;
        }

        private Environment.Model model(String path, JsonNode node) {
            if (!node.isObject()) {
                throw new ConfigurationException(where + ": " + path + " must be a block with name, family, endpoint, identifier.");
            }
            List<String> features = node.has("features") ? strings(path + ".features", node.path("features")) : List.of();
            return new Environment.Model(
                    text(node, "name", path + ".name").orElseThrow(() -> missing(path + ".name")),
                    text(node, "family", path + ".family").orElseThrow(() -> missing(path + ".family")),
                    optionalUrl(node, "endpoint", path + ".endpoint"),
                    text(node, "identifier", path + ".identifier"),
                    Secret.of(text(node, "api_key", path + ".api_key").orElse("")),
                    features,
                    platform(node, path));
        }

        private Optional<ModelPlatform> platform(JsonNode node, String path) {
            Optional<String> declared = text(node, "platform", path + ".platform");
            if (declared.isEmpty()) {
                return Optional.empty();
            }
            ModelPlatform platform = ModelPlatform.named(declared.get()).orElseThrow(() -> new ConfigurationException(where + ": " + path
                    + ".platform '" + declared.get() + "' is not a platform the suite knows; write one of " + ModelPlatform.names()
                    + ", or leave it out to infer it from the identifier."));
            Optional<String> identifier = text(node, "identifier", path + ".identifier");
            if (!platform.fits(identifier)) {
                throw new ConfigurationException(where + ": " + path + ".platform '" + platform.key() + "' contradicts " + path
                        + ".identifier '" + identifier.orElse("") + "', which names the " + ModelPlatform.fromIdentifier(identifier).key()
                        + " provider; correct one of them, or leave platform out.");
            }
            return Optional.of(platform);
        }

        private Environment.Http http(JsonNode node) {
            return new Environment.Http(
                    duration(node, "connect_timeout", DEFAULT_CONNECT_TIMEOUT),
                    duration(node, "request_timeout", DEFAULT_REQUEST_TIMEOUT),
                    text(node, "ca_bundle", "http.ca_bundle").map(this::existingFile),
                    bool(node, "insecure", "http.insecure"),
                    proxies(node));
        }

        private Environment.Proxies proxies(JsonNode node) {
            Optional<URI> configured = optionalUrl(node, "proxy", "http.proxy");
            List<String> noProxy = java.util.Arrays.stream(variable("NO_PROXY").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (configured.isPresent()) {
                return new Environment.Proxies(configured, configured, noProxy);
            }
            return new Environment.Proxies(proxyVariable("HTTP_PROXY"), proxyVariable("HTTPS_PROXY"), noProxy);
        }

        private Optional<URI> proxyVariable(String name) {
            String value = variable(name);
            if (value.isBlank()) {
                return Optional.empty();
            }
            try {
                URI uri = new URI(value.contains("://") ? value : "http://" + value);
                if (uri.getHost() == null) {
                    throw new URISyntaxException(value, "no host");
                }
                return Optional.of(uri);
            } catch (URISyntaxException e) {
                throw new ConfigurationException("The process environment's " + name + " '" + value + "' is not a proxy URL. "
                        + "Write it as http://proxy-host:port, or unset it.");
            }
        }

        /** Proxy variables, upper or lower case as curl reads them. */
        private String variable(String name) {
            String value = processEnvironment.apply(name);
            if (value == null) {
                value = processEnvironment.apply(name.toLowerCase());
            }
            return value == null ? "" : value;
        }

        private Environment.Waiver waiver(String path, JsonNode node) {
            String expires = text(node, "expires", path + ".expires").orElseThrow(() -> missing(path + ".expires"));
            String section = text(node, "section", path + ".section").orElseThrow(() -> missing(path + ".section"));
            Set<String> sections = Catalogue.sectionIds();
            if (!sections.contains(section)) {
                throw new ConfigurationException(where + ": " + path + ".section '" + section + "' is not a troubleshooting section. "
                        + "Did you mean '" + Keys.closest(sections, section) + "'? Section ids are listed in the README.");
            }
            try {
                return new Environment.Waiver(
                        section,
                        text(node, "justification", path + ".justification").orElseThrow(() -> missing(path + ".justification")),
                        LocalDate.parse(expires));
            } catch (DateTimeParseException e) {
                throw new ConfigurationException(where + ": " + path + ".expires '" + expires + "' is not a date. Write it as YYYY-MM-DD.");
            }
        }

        private Path existingFile(String value) {
            Path path = Path.of(value);
            if (!Files.isReadable(path)) {
                throw new ConfigurationException(where + ": http.ca_bundle '" + value + "' is not a readable file. Point it at a PEM bundle of your private CA.");
            }
            return path;
        }

        private Optional<String> text(JsonNode node, String key, String path) {
            JsonNode value = node.path(key);
            if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
                return Optional.empty();
            }
            if (!value.isValueNode()) {
                throw new ConfigurationException(where + ": " + path + " must be a single value.");
            }
            return Optional.of(value.asText());
        }

        private List<String> strings(String path, JsonNode node) {
            if (!node.isArray()) {
                throw new ConfigurationException(where + ": " + path + " must be a list, for example [a, b].");
            }
            List<String> values = new ArrayList<>();
            node.forEach(n -> values.add(n.asText()));
            return List.copyOf(values);
        }

        private boolean bool(JsonNode node, String key, String path) {
            JsonNode value = node.path(key);
            if (value.isMissingNode() || value.isNull()) {
                return false;
            }
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            if (value.isTextual() && Set.of("true", "false").contains(value.asText())) {
                return Boolean.parseBoolean(value.asText());
            }
            throw new ConfigurationException(where + ": " + path + " must be true or false, not '" + value.asText() + "'.");
        }

        private Duration duration(JsonNode node, String key, Duration fallback) {
            Optional<String> value = text(node, key, "http." + key);
            if (value.isEmpty()) {
                return fallback;
            }
            Matcher m = Pattern.compile("(\\d+)(ms|s|m)").matcher(value.get().trim());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new ConfigurationException(where + ": http." + key + " '" + value.get() + "' is not a duration. Write it like 500ms, 5s or 2m.");
            }
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        }

        private URI requiredUrl(JsonNode node, String key, String path) {
            return optionalUrl(node, key, path).orElseThrow(() -> missing(path));
        }

        private Optional<URI> optionalUrl(JsonNode node, String key, String path) {
            Optional<String> value = text(node, key, path);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                URI uri = new URI(value.get().trim());
                if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase())
                        || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                    throw new URISyntaxException(value.get(), "not an http(s) URL with a host");
                }
                return Optional.of(uri);
            } catch (URISyntaxException e) {
                throw new ConfigurationException(where + ": " + path + " '" + value.get() + "' is not a valid URL. Write it as "
                        + "http(s)://host[:port][/path], for example https://aigw.internal:5052.");
            }
        }

        private ConfigurationException missing(String path) {
            return new ConfigurationException(where + ": " + path + " is required. See environments/example.yaml for what it holds.");
        }
    }
}
