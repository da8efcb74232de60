package dev.duoconformance.http;

import dev.duoconformance.config.Secret;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Removes secrets from anything the suite writes: the configured tokens and keys wherever they appear, the values
 * of credential headers, token-like JSON fields that a server sends back, and the values of environment variables
 * whose names look secret ({@code *KEY*}, {@code *TOKEN*}, {@code *SECRET*}, {@code *PASSWORD*}), both as
 * {@code NAME=value} text and wherever a value learnt from a container's environment shows up.
 */
public final class Redactor implements UnaryOperator<String> {
    public static final String MASK = "[REDACTED]";
    public static final Set<String> SENSITIVE_HEADERS = Set.of(
            "authorization", "private-token", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "job-token");
    private static final Pattern SENSITIVE_JSON = Pattern.compile(
            "(\"(?:token|api_key|apiKey|apiToken|model_api_key|access_token|refresh_token|password|secret)\"\\s*:\\s*)\"[^\"]*\"");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(KEY|TOKEN|SECRET|PASSWORD).*");
    /** {@code NAME=value} with a secret-looking name; values shorter than 4 characters are switches ({@code TOKENS=1}), not secrets. */
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "\\b([A-Za-z0-9_]*(?i:key|token|secret|password)[A-Za-z0-9_]*)=(?!\\[REDACTED]|<|\\$)[^\\s'\"`]{4,}");

    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?<=://)[^/@\\s]+@");

    private volatile List<String> secrets;

    public Redactor(List<Secret> secrets) {
        this.secrets = longestFirst(secrets.stream().map(Secret::reveal));
    }

    /** Whether an environment variable's value must never be shown, judged by its name. */
    public static boolean looksSecret(String variableName) {
        return SECRET_NAME.matcher(variableName.toUpperCase(Locale.ROOT)).matches();
    }

    /** Also redacts these values from now on: secrets the run discovers, such as a container's {@code *_API_KEY}. */
    public synchronized void alsoRedact(Collection<String> values) {
        secrets = longestFirst(Stream.concat(secrets.stream(), values.stream()));
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
        out = SECRET_ASSIGNMENT.matcher(out).replaceAll("$1=" + MASK);
        out = URL_CREDENTIALS.matcher(out).replaceAll(MASK + "@");
        return SENSITIVE_JSON.matcher(out).replaceAll("$1\"" + MASK + "\"");
    }

    public String header(String name, String value) {
        return SENSITIVE_HEADERS.contains(name.toLowerCase()) ? MASK : apply(value);
    }

    private static List<String> longestFirst(Stream<String> values) {
        return values.filter(s -> s != null && s.length() >= 4).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
}
