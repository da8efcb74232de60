package dev.duoconformance.http;

import dev.duoconformance.config.Secret;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Removes secrets from anything the suite writes: the configured tokens and keys wherever they appear, the values
 * of credential headers, and token-like JSON fields that a server sends back.
 */
public final class Redactor implements UnaryOperator<String> {
    public static final String MASK = "[REDACTED]";
    public static final Set<String> SENSITIVE_HEADERS = Set.of(
            "authorization", "private-token", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "job-token");
    private static final Pattern SENSITIVE_JSON = Pattern.compile(
            "(\"(?:token|api_key|apiKey|apiToken|model_api_key|access_token|refresh_token|password|secret)\"\\s*:\\s*)\"[^\"]*\"");

    private final List<String> secrets;

    public Redactor(List<Secret> secrets) {
        this.secrets = secrets.stream().map(Secret::reveal).filter(s -> s.length() >= 4)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @Override
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return SENSITIVE_JSON.matcher(out).replaceAll("$1\"" + MASK + "\"");
    }

    public String header(String name, String value) {
        return SENSITIVE_HEADERS.contains(name.toLowerCase()) ? MASK : apply(value);
    }
}
