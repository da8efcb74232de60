package dev.duoconformance.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.catalogue.Catalogue;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Turns the checked, interpolated tree into an {@link Environment}; each bad value is a message naming its key. */
final class EnvironmentReader {
    /** A secret shorter than this cannot be masked safely: its characters occur in ordinary text. */
    static final int MIN_SECRET_LENGTH = 8;

    private final String where;
    private final Function<String, String> processEnvironment;
    private final Values values;

    EnvironmentReader(String where, Function<String, String> processEnvironment) {
        this.where = where;
        this.processEnvironment = processEnvironment;
        this.values = new Values(where);
    }

    Environment environment(String name, JsonNode root) {
        List<Environment.Model> models = new ArrayList<>();
        JsonNode modelNodes = root.path("models");
        for (int i = 0; i < modelNodes.size(); i++) {
            Environment.Model model = model("models[" + i + "]", modelNodes.get(i));
            int index = i;
            models.stream()
                    .filter(m -> m.name().equals(model.name()))
                    .findFirst()
                    .ifPresent(m -> {
                        throw new ConfigurationException(where + ": models[" + index + "].name '" + model.name()
                                + "' is also the name of models[" + models.indexOf(m)
                                + "]; GitLab knows each self-hosted model by its name, so each name may appear once.");
                    });
            models.add(model);
        }
        List<Environment.Waiver> waivers = new ArrayList<>();
        JsonNode waiverNodes = root.path("waivers");
        for (int i = 0; i < waiverNodes.size(); i++) {
            waivers.add(waiver("waivers[" + i + "]", waiverNodes.get(i)));
        }
        return new Environment(
                name,
                optionalBlock(root, "gitlab").map(this::gitlab),
                optionalBlock(root, "ai_gateway").map(this::aiGateway),
                List.copyOf(models),
                new HttpBlock(where, values, processEnvironment).read(root.path("http")),
                List.copyOf(waivers));
    }

    private Optional<JsonNode> optionalBlock(JsonNode root, String key) {
        JsonNode node = root.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new ConfigurationException(
                    where + ": " + key + " must be a block of keys, see environments/example.yaml.");
        }
        return Optional.of(node);
    }

    private Environment.GitLab gitlab(JsonNode node) {
        Optional<Environment.Console> console = optionalBlock(node, "console")
                .map(c -> new Environment.Console(
                        consoleCommand(c.path("command")),
                        consoleUser(
                                values.text(c, "user", "gitlab.console.user").orElse("root"))));
        return new Environment.GitLab(
                values.requiredUrl(node, "url", "gitlab.url"),
                secret(node, "admin_token", "gitlab.admin_token"),
                secret(node, "user_token", "gitlab.user_token"),
                console);
    }

    private Environment.AiGateway aiGateway(JsonNode node) {
        Optional<URI> url = values.optionalUrl(node, "url", "ai_gateway.url");
        Optional<URI> expected = values.optionalUrl(node, "expected_url", "ai_gateway.expected_url");
        if (url.isEmpty() && expected.isEmpty()) {
            throw new ConfigurationException(
                    where + ": ai_gateway needs url (how this runner reaches the AI gateway) or "
                            + "expected_url (what GitLab must have configured), or both.");
        }
        Optional<Environment.Docker> docker = optionalBlock(node, "docker")
                .map(d -> new Environment.Docker(
                        dockerHost(
                                values.text(d, "host", "ai_gateway.docker.host").orElse("unix:///var/run/docker.sock")),
                        values.text(d, "container", "ai_gateway.docker.container")
                                .orElseThrow(() -> values.missing("ai_gateway.docker.container"))));
        Optional<Environment.Kubernetes> kubernetes =
                optionalBlock(node, "kubernetes").map(k -> new KubernetesBlock(where, processEnvironment).read(k));
        if (docker.isPresent() && kubernetes.isPresent()) {
            throw new ConfigurationException(
                    where + ": ai_gateway has both docker and kubernetes. The AI gateway runs in one "
                            + "of them: keep ai_gateway.docker for a container, or ai_gateway.kubernetes for pods (for example the Helm chart's).");
        }
        return new Environment.AiGateway(
                url.orElse(null),
                expected.orElse(url.orElse(null)),
                values.bool(node, "auth_bypass_expected", "ai_gateway.auth_bypass_expected"),
                docker,
                kubernetes);
    }

    private List<String> consoleCommand(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            throw values.missing("gitlab.console.command");
        }
        List<String> command = values.strings("gitlab.console.command", node);
        if (command.isEmpty() || command.stream().anyMatch(String::isBlank)) {
            throw new ConfigurationException(
                    where + ": gitlab.console.command must list the program and its arguments, "
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

    /** A Docker host as a message shows it: any credentials in it masked, whatever the scheme ({@code ssh://user:password@…}). */
    private String dockerHost(String host) {
        String shown = Values.shownUrl(host);
        if (host.matches("tcp://.+")) {
            try {
                java.net.URI uri = new java.net.URI(host.trim());
                values.refuseCredentials("ai_gateway.docker.host", uri, shown);
                if (uri.getHost() == null || !Values.portInRange(uri)) {
                    throw new java.net.URISyntaxException(shown, "no host, or a port out of 1-65535");
                }
            } catch (java.net.URISyntaxException e) {
                throw new ConfigurationException(
                        where + ": ai_gateway.docker.host '" + shown + "' is not a valid tcp:// address. "
                                + "Write tcp://docker-host:2376 (a port from 1 to 65535).");
            }
        }
        if (!host.matches("(unix|tcp|npipe)://.+")) {
            throw new ConfigurationException(
                    where + ": ai_gateway.docker.host '" + shown + "' is not a Docker host the suite can reach. "
                            + "Write unix:///var/run/docker.sock or tcp://docker-host:2376 (ssh:// is not supported: forward the socket with "
                            + "`ssh -NL /tmp/aigw-docker.sock:/var/run/docker.sock <host>` and use unix:///tmp/aigw-docker.sock).");
        }
        return host;
    }

    private Environment.Model model(String path, JsonNode node) {
        if (!node.isObject()) {
            throw new ConfigurationException(
                    where + ": " + path + " must be a block with name, family, endpoint, identifier.");
        }
        List<String> features =
                node.has("features") ? values.strings(path + ".features", node.path("features")) : List.of();
        return new Environment.Model(
                values.text(node, "name", path + ".name").orElseThrow(() -> values.missing(path + ".name")),
                values.text(node, "family", path + ".family").orElseThrow(() -> values.missing(path + ".family")),
                values.optionalUrl(node, "endpoint", path + ".endpoint"),
                values.text(node, "identifier", path + ".identifier"),
                secret(node, "api_key", path + ".api_key"),
                features,
                platform(node, path));
    }

    private Optional<ModelPlatform> platform(JsonNode node, String path) {
        Optional<String> declared = values.text(node, "platform", path + ".platform");
        if (declared.isEmpty()) {
            return Optional.empty();
        }
        ModelPlatform platform = ModelPlatform.named(declared.get())
                .orElseThrow(() -> new ConfigurationException(where + ": " + path
                        + ".platform '" + declared.get() + "' is not a platform the suite knows; write one of "
                        + ModelPlatform.names()
                        + ", or leave it out to infer it from the identifier."));
        Optional<String> identifier = values.text(node, "identifier", path + ".identifier");
        if (!platform.fits(identifier)) {
            throw new ConfigurationException(
                    where + ": " + path + ".platform '" + platform.key() + "' contradicts " + path
                            + ".identifier '" + identifier.orElse("") + "', which names the "
                            + ModelPlatform.fromIdentifier(identifier).key()
                            + " provider; correct one of them, or leave platform out.");
        }
        return Optional.of(platform);
    }

    /**
     * A secret, refused when too short to be masked safely: every occurrence of a 3-character key in the output (in
     * a version number, a word, a hash) would be masked, or, if short ones were left alone, the key would show.
     */
    private Secret secret(JsonNode node, String key, String path) {
        String value = values.text(node, key, path).orElse("");
        if (!value.isEmpty() && value.length() < MIN_SECRET_LENGTH) {
            throw new ConfigurationException(
                    where + ": " + path + " is " + value.length() + " characters long; the suite refuses "
                            + "secrets shorter than " + MIN_SECRET_LENGTH
                            + " characters, which cannot be masked safely in its output. "
                            + "Check the variable it comes from: real tokens and API keys are longer.");
        }
        return Secret.of(value);
    }

    private Environment.Waiver waiver(String path, JsonNode node) {
        String expires =
                values.text(node, "expires", path + ".expires").orElseThrow(() -> values.missing(path + ".expires"));
        String section =
                values.text(node, "section", path + ".section").orElseThrow(() -> values.missing(path + ".section"));
        Set<String> sections = Catalogue.sectionIds();
        if (!sections.contains(section)) {
            throw new ConfigurationException(where + ": " + path + ".section '" + section
                    + "' is not a troubleshooting section. " + "Did you mean '" + Keys.closest(sections, section)
                    + "'? Section ids are listed in the README.");
        }
        try {
            return new Environment.Waiver(
                    section,
                    values.text(node, "justification", path + ".justification")
                            .orElseThrow(() -> values.missing(path + ".justification")),
                    LocalDate.parse(expires));
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(
                    where + ": " + path + ".expires '" + expires + "' is not a date. Write it as YYYY-MM-DD.");
        }
    }
}
