package dev.duoconformance.simulator.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The AI gateway's container in a simulated pod, as far as the suite's read-only exec commands reach it: an image
 * with {@code curl} (no {@code python3}), {@code test}, {@code sh} running the two wrappers the suite sends, and
 * {@code poetry run troubleshoot}. curl really sends the GET from this JVM, with the container's proxy variables and
 * {@code --cacert}, and exits with curl's codes. Loopback is the pod's own: it reaches this machine's loopback only on
 * the host network or on a port a sidecar of the pod declares; the cluster's DNS names a test gives resolve to this
 * machine. Any other command is "executable file not found", as containerd answers it.
 */
public final class SimulatedContainer {
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'\\\\'')*)'");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    /** What a command did: its output and exit code, or the runtime's refusal to start it (no exit code). */
    public record Outcome(String stdout, String stderr, Integer exitCode, String startError) {
        static Outcome exit(int code, String stdout, String stderr) {
            return new Outcome(stdout, stderr, code, null);
        }

        static Outcome notFound(String executable) {
            return new Outcome(
                    "",
                    "",
                    null,
                    "OCI runtime exec failed: exec failed: unable to start container process: exec: \"" + executable
                            + "\": executable file not found in $PATH: unknown");
        }
    }

    private final Map<String, String> env;
    private final Map<String, Path> files;
    /** pyproject.toml's {@code troubleshoot} entry point, in the image's WORKDIR /app. */
    private static final String ENTRY_POINT_MODULE = "/app/ai_gateway/scripts/troubleshoot_selfhosted_installation.py";

    private final boolean hostNetwork;
    private final Set<Integer> sidecarPorts;
    private final boolean gatewayServes;
    private final Set<String> clusterNames;

    /**
     * @param env           the container's environment, Secret values included (the container sees them; the suite never reads them)
     * @param files         paths inside the container and the files on this machine that hold them (mounted CA bundles)
     * @param sidecarPorts  ports the pod's other containers serve on the shared localhost
     * @param gatewayServes whether the gateway process answers on its API port (a crashed worker leaves it silent)
     * @param clusterNames  Service names the cluster's DNS resolves, served on this machine (e.g. {@code gitlab-webservice.gitlab.svc})
     */
    public SimulatedContainer(
            Map<String, String> env,
            Map<String, Path> files,
            boolean hostNetwork,
            Set<Integer> sidecarPorts,
            boolean gatewayServes,
            Set<String> clusterNames) {
        this.env = Map.copyOf(env);
        this.files = Map.copyOf(files);
        this.hostNetwork = hostNetwork;
        this.sidecarPorts = Set.copyOf(sidecarPorts);
        this.gatewayServes = gatewayServes;
        this.clusterNames = Set.copyOf(clusterNames);
    }

    public Outcome run(List<String> command, Optional<String> stdinLine) {
        return run(command, stdinLine, new LinkedHashMap<>(env));
    }

    private Outcome run(List<String> command, Optional<String> stdinLine, Map<String, String> variables) {
        if (command.isEmpty()) {
            return Outcome.notFound("");
        }
        String executable = command.get(0);
        List<String> args = command.subList(1, command.size());
        return switch (executable) {
            case "sh" -> shell(args, stdinLine, variables);
            case "curl" ->
                args.equals(List.of("--version"))
                        ? Outcome.exit(
                                0,
                                "curl 8.5.0 (x86_64-pc-linux-gnu) libcurl/8.5.0 OpenSSL/3.0.13\nProtocols: http https\n",
                                "")
                        : curl(args, variables);
            case "test" ->
                args.size() == 2 && args.get(0).equals("-r")
                        ? Outcome.exit(files.containsKey(args.get(1)) ? 0 : 1, "", "")
                        : Outcome.exit(2, "", "test: unexpected arguments");
            case "poetry" -> troubleshoot(args, variables);
            // coreutils printenv NAME: the value and exit 0, or nothing and exit 1 when unset.
            case "printenv" ->
                args.size() == 1 && variables.containsKey(args.get(0))
                        ? Outcome.exit(0, variables.get(args.get(0)) + "\n", "")
                        : Outcome.exit(1, "", "");
            default -> Outcome.notFound(executable);
        };
    }

    /**
     * The suite's detection of the troubleshooting script's form ({@code test -f '<path>' && echo <form> && exit 0; … echo
     * none}): this container is a current image, whose WORKDIR holds the {@code troubleshoot} entry point's module.
     */
    private Outcome scriptForm(String script) {
        java.util.regex.Matcher clause = java.util.regex.Pattern.compile("test -f '([^']+)' && echo (\\S+) && exit 0;")
                .matcher(script);
        while (clause.find()) {
            if (clause.group(1).equals(ENTRY_POINT_MODULE) || files.containsKey(clause.group(1))) {
                return Outcome.exit(0, clause.group(2) + "\n", "");
            }
        }
        return Outcome.exit(0, "none\n", "");
    }

    /** Only the two scripts the suite sends: the Authorization line read from stdin, and curl with that header. */
    private Outcome shell(List<String> args, Optional<String> stdinLine, Map<String, String> variables) {
        if (args.size() == 2 && args.get(0).equals("-c") && args.get(1).startsWith("test -f ")) {
            return scriptForm(args.get(1));
        }
        if (args.size() < 3 || !args.get(0).equals("-c") || !args.get(2).equals("sh")) {
            return Outcome.exit(2, "", "sh: the simulated container runs only the suite's scripts");
        }
        String script = args.get(1);
        List<String> positional = args.subList(3, args.size());
        String variable = "DUO_CONFORMANCE_AUTHORIZATION";
        if (script.equals("IFS= read -r " + variable + " && export " + variable + " && exec \"$@\"")) {
            if (stdinLine.isEmpty()) {
                return Outcome.exit(1, "", ""); // read hits end of input
            }
            variables.put(variable, stdinLine.get());
            return run(positional, Optional.empty(), variables);
        }
        String header = " --header \"Authorization: $" + variable + "\" \"$1\"";
        if (script.endsWith(header) && positional.size() == 1) {
            List<String> curl = new ArrayList<>();
            Matcher words = QUOTED.matcher(script.substring(0, script.length() - header.length()));
            while (words.find()) {
                curl.add(words.group(1).replace("'\\''", "'"));
            }
            if (curl.isEmpty() || !curl.get(0).equals("curl")) {
                return Outcome.exit(2, "", "sh: unexpected script");
            }
            curl.addAll(
                    List.of("--header", "Authorization: " + variables.getOrDefault(variable, ""), positional.get(0)));
            return curl(curl.subList(1, curl.size()), variables);
        }
        return Outcome.exit(2, "", "sh: the simulated container runs only the suite's scripts");
    }

    /** The subset of curl the suite uses: GET with timeouts, --cacert and --header, printing the body then the status. */
    private Outcome curl(List<String> args, Map<String, String> variables) {
        Duration timeout = Duration.ofSeconds(30);
        Optional<String> caFile = Optional.empty();
        Map<String, String> headers = new LinkedHashMap<>();
        String url = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--silent", "--show-error" -> {}
                case "--output", "--write-out" -> i++;
                case "--connect-timeout", "--max-time" -> timeout = Duration.ofSeconds(Long.parseLong(args.get(++i)));
                case "--cacert" -> caFile = Optional.of(args.get(++i));
                case "--header" -> {
                    String header = args.get(++i);
                    headers.put(
                            header.substring(0, header.indexOf(':')),
                            header.substring(header.indexOf(':') + 1).strip());
                }
                default -> url = args.get(i);
            }
        }
        return get(URI.create(url), timeout, caFile, headers, variables);
    }

    private Outcome get(
            URI requested,
            Duration timeout,
            Optional<String> caFile,
            Map<String, String> headers,
            Map<String, String> variables) {
        String host = requested.getHost();
        URI url = clusterNames.contains(host.toLowerCase(Locale.ROOT))
                ? URI.create(requested.toString().replaceFirst("//" + Pattern.quote(host), "//127.0.0.1"))
                : requested;
        int port = url.getPort() != -1 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
        Optional<URI> proxy = proxyFor(requested, variables);
        if (proxy.isEmpty()
                && LOOPBACK.contains(host.toLowerCase(Locale.ROOT))
                && !hostNetwork
                && !sidecarPorts.contains(port)) {
            return refused(host, port); // the pod's own loopback, where nothing listens on that port
        }
        try {
            HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(timeout);
            proxy.ifPresent(p -> client.proxy(ProxySelector.of(new InetSocketAddress(p.getHost(), p.getPort()))));
            if (url.getScheme().equals("https")) {
                client.sslContext(trust(caFile));
            }
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(url).timeout(timeout).GET();
            headers.forEach(request::header);
            HttpResponse<String> response = client.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return Outcome.exit(0, response.body() + "\n" + response.statusCode(), "");
        } catch (CaFileProblem e) {
            return Outcome.exit(77, "\n000", "curl: (77) error setting certificate file: " + caFile.orElse(""));
        } catch (HttpTimeoutException e) {
            return Outcome.exit(
                    28, "\n000", "curl: (28) Connection timed out after " + timeout.toMillis() + " milliseconds");
        } catch (IOException e) {
            return failure(
                    e,
                    proxy.map(URI::getHost).orElse(host),
                    proxy.map(URI::getPort).orElse(port));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.exit(130, "", "interrupted");
        }
    }

    private static Outcome failure(IOException e, String host, int port) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return Outcome.exit(
                        60, "\n000", "curl: (60) SSL certificate problem: unable to get local issuer certificate");
            }
            if (t instanceof UnknownHostException) {
                return Outcome.exit(6, "\n000", "curl: (6) Could not resolve host: " + host);
            }
            if (t instanceof ConnectException) {
                return refused(host, port);
            }
        }
        return Outcome.exit(56, "\n000", "curl: (56) Recv failure: " + e.getMessage());
    }

    private static Outcome refused(String host, int port) {
        return Outcome.exit(
                7,
                "\n000",
                "curl: (7) Failed to connect to " + host + " port " + port + " after 0 ms: Couldn't connect to server");
    }

    /** curl's proxy variables: lower-case http_proxy only (curl ignores HTTP_PROXY), https_proxy or HTTPS_PROXY, no_proxy. */
    private static Optional<URI> proxyFor(URI url, Map<String, String> variables) {
        String value = url.getScheme().equals("https")
                ? Optional.ofNullable(variables.get("https_proxy")).orElse(variables.get("HTTPS_PROXY"))
                : variables.get("http_proxy");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String noProxy = Optional.ofNullable(variables.get("no_proxy")).orElse(variables.getOrDefault("NO_PROXY", ""));
        for (String entry : noProxy.split(",")) {
            String suffix = entry.strip().toLowerCase(Locale.ROOT);
            if (!suffix.isEmpty()
                    && (suffix.equals("*")
                            || url.getHost().equalsIgnoreCase(suffix)
                            || url.getHost().endsWith("." + suffix))) {
                return Optional.empty();
            }
        }
        return Optional.of(URI.create(value));
    }

    private static final class CaFileProblem extends IOException {
        CaFileProblem(Throwable cause) {
            super(cause);
        }
    }

    private SSLContext trust(Optional<String> caFile) throws IOException {
        if (caFile.isEmpty()) {
            try {
                return SSLContext.getDefault();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        Path file = files.get(caFile.get());
        if (file == null) {
            throw new CaFileProblem(null);
        }
        try (InputStream pem = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                store.setCertificateEntry("ca" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new CaFileProblem(e);
        }
    }

    /**
     * {@code poetry run troubleshoot}: the first checks of ai_gateway/scripts/troubleshoot_selfhosted_installation.py
     * with its output, as the Docker stand-in (src/test/resources/standin/poetry) has them.
     */
    private Outcome troubleshoot(List<String> args, Map<String, String> variables) {
        if (args.size() < 2 || !args.get(0).equals("run") || !args.get(1).equals("troubleshoot")) {
            return Outcome.exit(1, "", "Command not found: " + (args.size() > 1 ? args.get(1) : ""));
        }
        StringBuilder out = new StringBuilder("Testing environment variables ...\n");
        if (!"true".equals(variables.get("AIGW_CUSTOM_MODELS__ENABLED"))) {
            return traceback(out, "ValueError: >> AIGW_CUSTOM_MODELS__ENABLED must be set to true");
        }
        String gitlab = variables.getOrDefault("AIGW_GITLAB_URL", "");
        if (gitlab.isEmpty()) {
            return traceback(
                    out, "ValueError: >> Either AIGW_GITLAB_URL (preferred) or AIGW_AUTH__BYPASS_EXTERNAL must be set");
        }
        out.append(">> AIGW_GITLAB_URL is set to ").append(gitlab).append("\n>> Env variables are set correctly ✔\n");
        out.append("Testing if AI Gateway is running...\n");
        if (!gatewayServes) {
            return traceback(
                    out,
                    "RuntimeError: AI Gateway is not running. Status code: 000. Restart the server and verify the logs "
                            + "for more information.");
        }
        out.append(">> AI Gateway is up and running ✔\n");
        String projects = gitlab.replaceAll("/+$", "") + "/api/v4/projects";
        out.append("Testing if GitLab API is accessible at ").append(projects).append(" ...\n");
        Outcome api = get(
                URI.create(projects),
                Duration.ofSeconds(10),
                Optional.ofNullable(variables.get("REQUESTS_CA_BUNDLE")),
                Map.of(),
                variables);
        String status = api.stdout().substring(api.stdout().lastIndexOf('\n') + 1);
        if (!status.equals("200")) {
            return traceback(out, "ValueError: >> Failed to connect to GitLab API: " + status);
        }
        out.append(">> GitLab API is accessible ✔\n");
        return Outcome.exit(0, out.toString(), "");
    }

    private static Outcome traceback(StringBuilder out, String error) {
        return Outcome.exit(1, out.toString(), "Traceback (most recent call last):\n" + error + "\n");
    }
}
