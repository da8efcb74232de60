package dev.duoconformance.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code http}: timeouts within bounds, a CA bundle that is a readable file of a sane size, and the proxy from
 * {@code http.proxy} or else the process environment's {@code HTTP(S)_PROXY} and {@code NO_PROXY}, as curl reads them.
 */
final class HttpBlock {
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The largest CA bundle read (the whole Mozilla bundle is about 220 KiB). */
    static final long MAX_CA_BUNDLE_BYTES = 10 << 20;
    /** The longest timeout accepted: longer is a typo, and would overflow the HTTP client's millisecond settings. */
    static final Duration MAX_DURATION = Duration.ofMinutes(10);

    private final String where;
    private final Values values;
    private final Function<String, String> processEnvironment;

    HttpBlock(String where, Values values, Function<String, String> processEnvironment) {
        this.where = where;
        this.values = values;
        this.processEnvironment = processEnvironment;
    }

    Environment.Http read(JsonNode node) {
        return new Environment.Http(
                duration(node, "connect_timeout", DEFAULT_CONNECT_TIMEOUT),
                duration(node, "request_timeout", DEFAULT_REQUEST_TIMEOUT),
                values.text(node, "ca_bundle", "http.ca_bundle").map(this::existingFile),
                values.bool(node, "insecure", "http.insecure"),
                proxies(node));
    }

    /**
     * The HTTP settings of a command that has no environment file (the baseline fetch in CI): the default timeouts,
     * {@code caBundle} (GitLab Runner's {@code CI_SERVER_TLS_CA_FILE}) and the proxy variables of the process environment.
     */
    static Environment.Http fromProcessEnvironment(
            Function<String, String> processEnvironment, Optional<Path> caBundle) {
        HttpBlock block =
                new HttpBlock("the process environment", new Values("the process environment"), processEnvironment);
        return new Environment.Http(
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT,
                caBundle.map(p -> block.existingFile(p.toString())),
                false,
                block.proxies(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
    }

    private Environment.Proxies proxies(JsonNode node) {
        Optional<URI> configured = values.optionalUrl(node, "proxy", "http.proxy");
        List<String> noProxy = java.util.Arrays.stream(variable("NO_PROXY").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
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
        String shown = Values.shownUrl(value);
        try {
            URI uri = new URI(value.contains("://") ? value : "http://" + value);
            values.refuseCredentials("the process environment's " + name, uri, shown);
            if (uri.getHost() == null || !Values.portInRange(uri)) {
                throw new URISyntaxException(shown, "no host, or a port out of 1-65535");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new ConfigurationException("The process environment's " + name + " '" + shown
                    + "' is not a proxy URL. " + "Write it as http://proxy-host:port, or unset it.");
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

    /** A regular, readable file of a sane size: a FIFO would hang the run, a directory fail every check. */
    private Path existingFile(String value) {
        Path path = Path.of(value);
        if (Interpolation.standsIn(value)) {
            return path;
        }
        String problem = !Files.exists(path)
                ? "does not exist"
                : Files.isDirectory(path)
                        ? "is a directory"
                        : !Files.isRegularFile(path)
                                ? "is not a regular file (a pipe or a device)"
                                : !Files.isReadable(path)
                                        ? "is not readable by this user"
                                        : size(path) > MAX_CA_BUNDLE_BYTES
                                                ? "is larger than " + (MAX_CA_BUNDLE_BYTES >> 20) + " MiB"
                                                : null;
        if (problem == null) {
            problem = unreadableCertificates(path);
        }
        if (problem != null) {
            throw new ConfigurationException(where + ": http.ca_bundle '" + value + "' " + problem
                    + ". Point it at a PEM file holding the certificate of your private CA.");
        }
        return path;
    }

    /** Read as the run reads it (X.509 certificates, PEM or DER), so a bad bundle is one error here, not a broken run. */
    private static String unreadableCertificates(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return CertificateFactory.getInstance("X.509")
                            .generateCertificates(in)
                            .isEmpty()
                    ? "holds no PEM certificate"
                    : null;
        } catch (CertificateException e) {
            return "cannot be read as PEM certificates (" + e.getMessage() + ")";
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private Duration duration(JsonNode node, String key, Duration fallback) {
        Optional<String> value = values.text(node, key, "http." + key);
        if (value.isEmpty()) {
            return fallback;
        }
        Matcher m = Pattern.compile("(\\d{1,9})(ms|s|m)").matcher(value.get().trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new ConfigurationException(where + ": http." + key + " '" + value.get()
                    + "' is not a duration. Write it like 500ms, 5s or 2m.");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new ConfigurationException(
                    where + ": http." + key + " '" + value.get() + "' is longer than the " + MAX_DURATION.toMinutes()
                            + "m the suite allows. Write a timeout between 1ms and " + MAX_DURATION.toMinutes() + "m.");
        }
        return duration;
    }
}
