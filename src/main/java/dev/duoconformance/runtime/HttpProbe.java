package dev.duoconformance.runtime;

import dev.duoconformance.catalogue.Shown;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.TransportError;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A GET sent from inside the container with the HTTP client the image has ({@code curl}, as the AI gateway image
 * has, else {@code python3}), and its result read back as an {@link Exchange}: curl's exit codes (the python
 * variant maps its errors onto the same codes) tell DNS, refused, timeout and TLS failures apart. A credential
 * travels in the exec's environment ({@link #AUTHORIZATION}), never on its command line, which Docker records.
 */
public enum HttpProbe {
    CURL("curl") {
        @Override
        List<String> command(URI url, Duration timeout, boolean withAuthorization, Optional<String> caFile) {
            List<String> command = new ArrayList<>(List.of(
                    "curl",
                    "--silent",
                    "--show-error",
                    "--output",
                    "-",
                    "--write-out",
                    "\\n%{http_code}",
                    "--connect-timeout",
                    seconds(timeout),
                    "--max-time",
                    seconds(timeout)));
            caFile.ifPresent(file -> command.addAll(List.of("--cacert", file)));
            if (!withAuthorization) {
                command.add(url.toString());
                return List.copyOf(command);
            }
            // Only a shell turns the variable into an argument; sh -c keeps the value out of the recorded command.
            return List.of(
                    "sh",
                    "-c",
                    String.join(" ", command.stream().map(HttpProbe::quoted).toList()) + " --header \"Authorization: $"
                            + AUTHORIZATION + "\" \"$1\"",
                    "sh",
                    url.toString());
        }
    },
    PYTHON("python3") {
        private static final String SCRIPT = String.join(
                "\n",
                "import os, socket, ssl, sys, urllib.error, urllib.request",
                "url, timeout, auth = sys.argv[1], float(sys.argv[2]), sys.argv[3] == 'auth'",
                "request = urllib.request.Request(url)",
                "if auth:",
                "    request.add_header('Authorization', os.environ['" + AUTHORIZATION + "'])",
                "def fail(code, error):",
                "    sys.stderr.write('python3: %s: %s\\n' % (type(error).__name__, error))",
                "    sys.stdout.write('\\n000')",
                "    sys.exit(code)",
                "def kind(error):",
                "    if isinstance(error, (ssl.SSLError, ssl.CertificateError)): return 60",
                "    if isinstance(error, socket.gaierror): return 6",
                "    if isinstance(error, ConnectionRefusedError): return 7",
                "    if isinstance(error, (socket.timeout, TimeoutError)): return 28",
                "    return 56",
                "try:",
                "    with urllib.request.urlopen(request, timeout=timeout) as response:",
                "        status, body = response.status, response.read(65536)",
                "except urllib.error.HTTPError as error:",
                "    status, body = error.code, error.read(65536)",
                "except urllib.error.URLError as error:",
                "    fail(kind(error.reason), error.reason)",
                "except Exception as error:",
                "    fail(kind(error), error)",
                "sys.stdout.write(body.decode('utf-8', 'replace') + '\\n' + str(status))");

        @Override
        List<String> command(URI url, Duration timeout, boolean withAuthorization, Optional<String> caFile) {
            // python's ssl module reads SSL_CERT_FILE from the container's environment by itself, as the AI gateway
            // does.
            return List.of(
                    "python3", "-c", SCRIPT, url.toString(), seconds(timeout), withAuthorization ? "auth" : "none");
        }
    };

    /** The exec environment variable that carries the value of the {@code Authorization} header (e.g. {@code Bearer <key>}). */
    public static final String AUTHORIZATION = "DUO_CONFORMANCE_AUTHORIZATION";

    private static final Set<Long> TLS_EXIT_CODES =
            Set.of(35L, 51L, 53L, 54L, 58L, 59L, 60L, 64L, 66L, 77L, 80L, 82L, 83L, 90L, 91L);
    private static final Map<Long, TransportError.Kind> KINDS = Map.of(
            5L,
            TransportError.Kind.UNKNOWN_HOST,
            6L,
            TransportError.Kind.UNKNOWN_HOST,
            7L,
            TransportError.Kind.REFUSED,
            28L,
            TransportError.Kind.TIMEOUT);

    private final String executable;

    HttpProbe(String executable) {
        this.executable = executable;
    }

    public String executable() {
        return executable;
    }

    /** The command; with {@code withAuthorization}, it sends the {@link #AUTHORIZATION} variable as the Authorization header. */
    abstract List<String> command(URI url, Duration timeout, boolean withAuthorization, Optional<String> caFile);

    /**
     * The command for an exec that cannot carry environment variables and records its command line (the Kubernetes
     * API puts it in the request URL, which audit logs keep): with {@code withAuthorization}, the {@link #AUTHORIZATION}
     * value is the first line of the exec's standard input.
     */
    public List<String> commandWithAuthorizationOnStdin(
            URI url, Duration timeout, boolean withAuthorization, Optional<String> caFile) {
        List<String> command = command(url, timeout, withAuthorization, caFile);
        if (!withAuthorization) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(
                "sh", "-c", "IFS= read -r " + AUTHORIZATION + " && export " + AUTHORIZATION + " && exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return List.copyOf(wrapped);
    }

    /** The command that tells whether the image has this client. */
    public List<String> versionCommand() {
        return List.of(executable, "--version");
    }

    /** Reads what the command printed and its exit code as the answer or the transport error of {@code request}. */
    public static Exchange exchange(String request, String host, ExecResult result, String transcript) {
        if (result.timedOut()) {
            return Exchange.failed(
                    request,
                    new TransportError(
                            TransportError.Kind.TIMEOUT,
                            "no answer before the deadline of the command inside the container"),
                    transcript);
        }
        if (result.exitCode() != 0) {
            return Exchange.failed(request, error(result, host), transcript);
        }
        String out = result.stdout();
        int lastLine = out.lastIndexOf('\n');
        String statusText = out.substring(lastLine + 1).trim();
        if (lastLine < 0 || !statusText.matches("\\d{3}") || statusText.equals("000")) {
            return Exchange.failed(
                    request,
                    new TransportError(TransportError.Kind.OTHER, "no HTTP status in the output: " + oneLine(out)),
                    transcript);
        }
        return Exchange.answered(
                request, Integer.parseInt(statusText), Map.of(), out.substring(0, lastLine), transcript);
    }

    private static TransportError error(ExecResult result, String host) {
        long code = result.exitCode();
        String said = oneLine(result.stderr().isBlank() ? result.stdout() : result.stderr());
        String detail = said + " (exit code " + code + ")";
        if (TLS_EXIT_CODES.contains(code)) {
            return new TransportError(TransportError.Kind.TLS, "TLS failed inside the container: " + detail);
        }
        TransportError.Kind kind = KINDS.getOrDefault(code, TransportError.Kind.OTHER);
        String prefix = switch (kind) {
            case UNKNOWN_HOST ->
                code == 5
                        ? "the proxy's host name does not resolve inside the container (DNS): "
                        : "host name '" + host + "' does not resolve inside the container (DNS): ";
            case REFUSED -> "connection refused: ";
            case TIMEOUT -> "no answer in time: ";
            default -> "";
        };
        return new TransportError(kind, prefix + detail);
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.isEmpty() ? "(no output)" : Shown.quote(line, 300);
    }

    private static String quoted(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    private static String seconds(Duration timeout) {
        return Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
    }
}
