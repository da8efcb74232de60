package dev.duoconformance.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The typed values of one environment file: text, lists, booleans and http(s) URLs, each mistake naming its key. */
final class Values {
    private final String where;

    Values(String where) {
        this.where = where;
    }

    /**
     * A URL as a message may show it: without the credentials before {@code @} or the query, which may hold tokens. The
     * userinfo is masked up to the last {@code @}, whatever it holds: a password with an unescaped {@code @} or {@code /}
     * must not show its end.
     */
    static String shownUrl(String url) {
        String trimmed = url.trim();
        int scheme = trimmed.indexOf("://");
        int at = trimmed.lastIndexOf('@');
        String masked = scheme >= 0 && at > scheme
                ? trimmed.substring(0, scheme + 3) + "[REDACTED]" + trimmed.substring(at)
                : trimmed;
        return masked.replaceAll("\\?[^#\\s]*", "?[REDACTED]");
    }

    /** A port, when the URL names one, in the range TCP has: 1 to 65535. */
    static boolean portInRange(URI uri) {
        return uri.getPort() == -1 || (uri.getPort() >= 1 && uri.getPort() <= 65535);
    }

    Optional<String> text(JsonNode node, String key, String path) {
        JsonNode value = node.path(key);
        if (value.isMissingNode()
                || value.isNull()
                || (value.isTextual() && value.asText().isEmpty())) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw new ConfigurationException(where + ": " + path + " must be a single value.");
        }
        return Optional.of(value.asText());
    }

    List<String> strings(String path, JsonNode node) {
        if (!node.isArray()) {
            throw new ConfigurationException(where + ": " + path + " must be a list, for example [a, b].");
        }
        List<String> values = new ArrayList<>();
        node.forEach(n -> values.add(n.asText()));
        return List.copyOf(values);
    }

    boolean bool(JsonNode node, String key, String path) {
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

    URI requiredUrl(JsonNode node, String key, String path) {
        return optionalUrl(node, key, path).orElseThrow(() -> missing(path));
    }

    Optional<URI> optionalUrl(JsonNode node, String key, String path) {
        Optional<String> value = text(node, key, path);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String shown = shownUrl(value.get());
        try {
            URI uri = new URI(value.get().trim());
            refuseCredentials(path, uri, shown);
            if (uri.getScheme() == null
                    || !Set.of("http", "https").contains(uri.getScheme().toLowerCase())
                    || uri.getHost() == null
                    || uri.getQuery() != null
                    || uri.getFragment() != null
                    || !portInRange(uri)) {
                throw new URISyntaxException(shown, "not an http(s) URL with a host");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(
                    where + ": " + path + " '" + shown + "' is not a valid URL. Write it as "
                            + "http(s)://host[:port][/path] without a query, with a port from 1 to 65535, for example https://aigw.internal:5052.");
        }
    }

    /** Credentials in a URL would travel into every transcript and attachment name: refused, without showing them. */
    void refuseCredentials(String path, URI uri, String shown) {
        if (uri.getRawUserInfo() != null) {
            throw new ConfigurationException(
                    where + ": " + path + " '" + shown + "' holds credentials (user:password@). "
                            + "The suite refuses credentials in URLs: remove them, and give tokens through gitlab.admin_token, "
                            + "gitlab.user_token or api_key as ${VARIABLES}.");
        }
    }

    ConfigurationException missing(String path) {
        return new ConfigurationException(
                where + ": " + path + " is required. See environments/example.yaml for what it holds.");
    }
}
