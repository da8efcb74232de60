package dev.duoconformance.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
    /** The largest environment file read (a real one is a few KiB); larger is a mistake, refused before it is parsed. */
    public static final long MAX_FILE_BYTES = 1 << 20;
    /** The largest CA bundle read (the whole Mozilla bundle is about 220 KiB). */
    public static final long MAX_CA_BUNDLE_BYTES = 10 << 20;
    /** The longest timeout accepted: longer is a typo, and would overflow the HTTP client's millisecond settings. */
    public static final Duration MAX_DURATION = Duration.ofMinutes(10);
    /** A secret shorter than this cannot be masked safely: its characters occur in ordinary text. */
    public static final int MIN_SECRET_LENGTH = 8;

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
        String text = read(where, file);
        JsonNode tree = parse(where, text);
        Keys.ROOT.check(where, tree, "", linesOf(text));
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
            throw new ConfigurationException("-Ddemo.faults, -Ddemo.gitlab.version, -Ddemo.mode, -Ddemo.latency and -Ddemo.runtime only apply to a simulated "
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

    /** The file as UTF-8 text, within {@link #MAX_FILE_BYTES}; a byte that is not UTF-8 is named with its line. */
    private static String read(String where, Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigurationException(where + " is " + size + " bytes long; an environment file may hold at most "
                        + (MAX_FILE_BYTES >> 20) + " MiB. Check that it is the file you meant.");
            }
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer input = ByteBuffer.wrap(bytes);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(input).toString();
            } catch (CharacterCodingException e) {
                int line = 1;
                for (int i = 0; i < input.position(); i++) {
                    line += bytes[i] == '\n' ? 1 : 0;
                }
                throw new ConfigurationException(where + ":" + line + ": this line holds a byte that is not UTF-8 (the file was "
                        + "saved in another encoding, such as Latin-1). Save the file as UTF-8.");
            }
        } catch (IOException e) {
            throw new ConfigurationException(where + " cannot be read: " + e.getMessage());
        }
    }

    private static YAMLMapper yaml() {
        return YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    private static JsonNode parse(String where, String text) {
        try {
            JsonNode tree = yaml().readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new ConfigurationException(where + " is empty. Start from environments/example.yaml.");
            }
            if (!tree.isObject()) {
                throw new ConfigurationException(where + " must be a mapping of keys (gitlab, ai_gateway, models, http, waivers).");
            }
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Matcher duplicate = Pattern.compile("Duplicate field '(.*)'").matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.lookingAt()) {
                throw new ConfigurationException(where + (at == null ? "" : ":" + at.getLineNr()) + ": '" + duplicate.group(1)
                        + "' is given twice in the same block; only one can hold. Remove one of them.");
            }
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigurationException(where + ": YAML syntax error" + position + ": " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + ". Fix the indentation or quoting there.");
        } catch (IOException e) {
            throw new ConfigurationException(where + " cannot be read: " + e.getMessage());
        }
    }

    /** Line of each key, by JSON pointer, so a message can point at the line to fix. */
    private static Map<String, Integer> linesOf(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLMapper().createParser(text)) {
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
                JsonNode value = field.getValue();
                if (SECRET_KEYS.contains(field.getKey()) && value.isValueNode() && !value.isNull()
                        && !(value.isTextual() && value.asText().isEmpty())) {
                    Matcher variable = VARIABLE.matcher(value.asText());
                    boolean literal = !value.isTextual() || !variable.matches();
                    if (literal || (variable.group(3) != null && !variable.group(3).isEmpty())) {
                        throw new ConfigurationException(where + ": " + child + " holds a literal secret"
                                + (literal ? "" : " (the default after :- is one)") + ". Secrets come from the process "
                                + "environment only: write " + field.getKey() + ": ${SOME_VARIABLE} and export SOME_VARIABLE.");
                    }
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

    /** A URL as a message may show it: without the credentials before {@code @} or the query, which may hold tokens. */
    static String shownUrl(String url) {
        return url.trim().replaceAll("(?<=://)[^/@?#\\s]*@", "[REDACTED]@").replaceAll("\\?[^#\\s]*", "?[REDACTED]");
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
                Environment.Model model = model("models[" + i + "]", modelNodes.get(i));
                int index = i;
                models.stream().filter(m -> m.name().equals(model.name())).findFirst().ifPresent(m -> {
                    throw new ConfigurationException(where + ": models[" + index + "].name '" + model.name() + "' is also the name of models["
                            + models.indexOf(m) + "]; GitLab knows each self-hosted model by its name, so each name may appear once.");
                });
                models.add(model);
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
                    secret(node, "admin_token", "gitlab.admin_token"),
                    secret(node, "user_token", "gitlab.user_token"),
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
            Optional<Environment.Kubernetes> kubernetes = optionalBlock(node, "kubernetes")
                    .map(k -> new KubernetesBlock(where, processEnvironment).read(k));
            if (docker.isPresent() && kubernetes.isPresent()) {
                throw new ConfigurationException(where + ": ai_gateway has both docker and kubernetes. The AI gateway runs in one "
                        + "of them: keep ai_gateway.docker for a container, or ai_gateway.kubernetes for pods (for example the Helm chart's).");
            }
            return new Environment.AiGateway(url.orElse(null), expected.orElse(url.orElse(null)),
                    bool(node, "auth_bypass_expected", "ai_gateway.auth_bypass_expected"), docker, kubernetes);
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
                    secret(node, "api_key", path + ".api_key"),
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

        /**
         * A secret, refused when too short to be masked safely: every occurrence of a 3-character key in the output (in
         * a version number, a word, a hash) would be masked, or, if short ones were left alone, the key would show.
         */
        private Secret secret(JsonNode node, String key, String path) {
            String value = text(node, key, path).orElse("");
            if (!value.isEmpty() && value.length() < MIN_SECRET_LENGTH) {
                throw new ConfigurationException(where + ": " + path + " is " + value.length() + " characters long; the suite refuses "
                        + "secrets shorter than " + MIN_SECRET_LENGTH + " characters, which cannot be masked safely in its output. "
                        + "Check the variable it comes from: real tokens and API keys are longer.");
            }
            return Secret.of(value);
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
            String shown = shownUrl(value);
            try {
                URI uri = new URI(value.contains("://") ? value : "http://" + value);
                refuseCredentials("the process environment's " + name, uri, shown);
                if (uri.getHost() == null) {
                    throw new URISyntaxException(shown, "no host");
                }
                return Optional.of(uri);
            } catch (URISyntaxException e) {
                throw new ConfigurationException("The process environment's " + name + " '" + shown + "' is not a proxy URL. "
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

        /** A regular, readable file of a sane size: a FIFO would hang the run, a directory fail every check. */
        private Path existingFile(String value) {
            Path path = Path.of(value);
            String problem = !Files.exists(path) ? "does not exist"
                    : Files.isDirectory(path) ? "is a directory"
                    : !Files.isRegularFile(path) ? "is not a regular file (a pipe or a device)"
                    : !Files.isReadable(path) ? "is not readable by this user"
                    : size(path) > MAX_CA_BUNDLE_BYTES ? "is larger than " + (MAX_CA_BUNDLE_BYTES >> 20) + " MiB" : null;
            if (problem != null) {
                throw new ConfigurationException(where + ": http.ca_bundle '" + value + "' " + problem
                        + ". Point it at a PEM file holding the certificate of your private CA.");
            }
            return path;
        }

        private static long size(Path path) {
            try {
                return Files.size(path);
            } catch (IOException e) {
                return Long.MAX_VALUE;
            }
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
            Matcher m = Pattern.compile("(\\d{1,9})(ms|s|m)").matcher(value.get().trim());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new ConfigurationException(where + ": http." + key + " '" + value.get() + "' is not a duration. Write it like 500ms, 5s or 2m.");
            }
            long amount = Long.parseLong(m.group(1));
            Duration duration = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
            if (duration.compareTo(MAX_DURATION) > 0) {
                throw new ConfigurationException(where + ": http." + key + " '" + value.get() + "' is longer than the "
                        + MAX_DURATION.toMinutes() + "m the suite allows. Write a timeout between 1ms and " + MAX_DURATION.toMinutes() + "m.");
            }
            return duration;
        }

        private URI requiredUrl(JsonNode node, String key, String path) {
            return optionalUrl(node, key, path).orElseThrow(() -> missing(path));
        }

        private Optional<URI> optionalUrl(JsonNode node, String key, String path) {
            Optional<String> value = text(node, key, path);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            String shown = shownUrl(value.get());
            try {
                URI uri = new URI(value.get().trim());
                refuseCredentials(path, uri, shown);
                if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase())
                        || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                    throw new URISyntaxException(shown, "not an http(s) URL with a host");
                }
                return Optional.of(uri);
            } catch (URISyntaxException e) {
                throw new ConfigurationException(where + ": " + path + " '" + shown + "' is not a valid URL. Write it as "
                        + "http(s)://host[:port][/path] without a query, for example https://aigw.internal:5052.");
            }
        }

        /** Credentials in a URL would travel into every transcript and attachment name: refused, without showing them. */
        private void refuseCredentials(String path, URI uri, String shown) {
            if (uri.getRawUserInfo() != null) {
                throw new ConfigurationException(where + ": " + path + " '" + shown + "' holds credentials (user:password@). "
                        + "The suite refuses credentials in URLs: remove them, and give tokens through gitlab.admin_token, "
                        + "gitlab.user_token or api_key as ${VARIABLES}.");
            }
        }

        private ConfigurationException missing(String path) {
            return new ConfigurationException(where + ": " + path + " is required. See environments/example.yaml for what it holds.");
        }
    }
}
