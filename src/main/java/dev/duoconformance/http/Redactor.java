package dev.duoconformance.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.duoconformance.config.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Removes secrets from anything the suite writes: the configured tokens and keys wherever they appear and in every
 * encoding a server may echo them in (raw, base64 and base64url at any alignment, URL-encoded, JSON-escaped,
 * HTML-escaped), the values of credential headers, token-like JSON fields that a server sends back, and the values of
 * environment variables whose names say they hold a secret (see {@link #looksSecret}), both as {@code NAME=value} text
 * and wherever a value learnt from a container's environment shows up.
 */
public final class Redactor implements UnaryOperator<String> {
    public static final String MASK = dev.duoconformance.catalogue.Shown.MASK;
    public static final Set<String> SENSITIVE_HEADERS = Set.of(
            "authorization",
            "private-token",
            "proxy-authorization",
            "cookie",
            "set-cookie",
            "x-api-key",
            "api-key",
            "job-token");
    private static final Pattern SENSITIVE_JSON = Pattern.compile(
            "(\"(?:token|api_key|apiKey|apiToken|model_api_key|access_token"
                    + "|refresh_token|private_token|client_secret|password|passwd|secret|credentials)\"\\s*:\\s*)\"[^\"]*\"");
    /** Words of a variable name that say its value is a secret. */
    private static final Set<String> SECRET_WORDS = Set.of(
            "KEY",
            "KEYS",
            "APIKEY",
            "TOKEN",
            "SECRET",
            "SECRETS",
            "PASSWORD",
            "PASSWORDS",
            "PASSWD",
            "PASS",
            "PWD",
            "CREDENTIAL",
            "CREDENTIALS",
            "AUTH",
            "AUTHORIZATION",
            "PASSPHRASE",
            "PRIVATEKEY");
    /**
     * Endings that make a whole word secret-bearing ({@code PGPASSWORD}, {@code GHTOKEN}, {@code SSHPRIVATEKEY}); short
     * ones would catch {@code MONKEY}.
     */
    private static final List<String> SECRET_ENDINGS = List.of(
            "PASSWORD", "PASSWD", "TOKEN", "SECRET", "CREDENTIAL", "CREDENTIALS", "PASSPHRASE", "PRIVATEKEY", "APIKEY");
    /** A certificate's key written as one word or several: {@code CERTKEY}, {@code CERT_PRIVKEY}, {@code CERTIFICATEKEY}. */
    private static final Pattern CERTIFICATE_KEY = Pattern.compile("CERT[A-Z0-9_]*KEY");
    /** {@code NAME=value}; values shorter than 4 characters are switches ({@code TOKENS=1}), not secrets. */
    private static final Pattern ASSIGNMENT =
            Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)=(?!\\[REDACTED]|<|\\$)([^\\s'\"`]{4,})");
    /** A URL's userinfo up to its last {@code @}, whatever it holds (a password may carry an unescaped {@code @} or {@code /}). */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?<=://)[^\\s\"'<>`]*@");
    /** The shortest base64 core that is masked: shorter ones occur in ordinary text. */
    private static final int MIN_LEARNT_SECRET = 4;
    /**
     * The shortest value learnt at run time (from a container) that is masked wherever it shows up; a shorter one (a
     * key set to {@code http}) is an ordinary word, masked only where it stands as its variable's value.
     */
    private static final int MIN_LEARNT_EVERYWHERE = 8;

    private volatile List<String> forms;
    private volatile List<Pattern> shortAssignments = List.of();
    private final Set<String> secrets = new LinkedHashSet<>();

    /** The configured secrets are masked whatever their length (the configuration refuses ones too short to mask safely). */
    public Redactor(List<Secret> secrets) {
        secrets.stream().map(Secret::reveal).filter(s -> !s.isEmpty()).forEach(this.secrets::add);
        this.forms = formsOf(this.secrets);
    }

    /**
     * Whether an environment variable's value must never be shown, judged by the words of its name. For a nested
     * setting ({@code AIGW_DB__PASSWD}) only the field after the last {@code __} counts, so that the switch
     * {@code AIGW_AUTH__BYPASS_EXTERNAL} (in the {@code AUTH} group) stays visible while {@code PROXY_AUTH} is masked;
     * a field named {@code VALUE} is the value of the field before it ({@code AIGW_MODEL__API_KEY__VALUE}).
     */
    public static boolean looksSecret(String variableName) {
        String[] fields = variableName.toUpperCase(Locale.ROOT).split("__");
        String field = fields[fields.length - 1];
        if (field.equals("VALUE") && fields.length > 1) {
            field = fields[fields.length - 2];
        }
        return CERTIFICATE_KEY.matcher(field).find()
                || Arrays.stream(field.split("_+"))
                        .anyMatch(word -> SECRET_WORDS.contains(word)
                                || SECRET_ENDINGS.stream().anyMatch(word::endsWith));
    }

    /**
     * Also redacts these variables' values from now on: secrets the run discovers, such as a container's
     * {@code *_API_KEY}. A value of at least {@link #MIN_LEARNT_EVERYWHERE} characters is masked wherever it shows up; a
     * shorter one only where it stands as that variable's value ({@code NAME=value}, {@code NAME: value}).
     */
    public synchronized void alsoRedact(Map<String, String> variables) {
        List<Pattern> assignments = new ArrayList<>(shortAssignments);
        variables.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                return;
            }
            if (value.length() >= MIN_LEARNT_EVERYWHERE) {
                secrets.add(value);
            } else {
                assignments.add(Pattern.compile("(?<![A-Za-z0-9_])(" + Pattern.quote(name) + "[\"']?\\s*[=:]\\s*[\"']?)"
                        + Pattern.quote(value) + "(?![A-Za-z0-9_])"));
            }
        });
        shortAssignments = List.copyOf(assignments);
        forms = formsOf(secrets);
    }

    @Override
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String form : forms) {
            out = out.replace(form, MASK);
        }
        for (Pattern shortAssignment : shortAssignments) {
            out = shortAssignment.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        }
        Matcher assignment = ASSIGNMENT.matcher(out);
        out = assignment.replaceAll(
                m -> Matcher.quoteReplacement(looksSecret(m.group(1)) ? m.group(1) + "=" + MASK : m.group()));
        out = URL_CREDENTIALS.matcher(out).replaceAll(MASK + "@");
        return SENSITIVE_JSON.matcher(out).replaceAll("$1\"" + MASK + "\"");
    }

    public String header(String name, String value) {
        return SENSITIVE_HEADERS.contains(name.toLowerCase()) ? MASK : apply(value);
    }

    /** Every form in which a secret may come back, longest first (so a longer form is masked whole). */
    private static List<String> formsOf(Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            forms.add(secret);
            String urlEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            forms.add(urlEncoded);
            forms.add(urlEncoded.replace("+", "%20"));
            forms.add(lowerCaseEscapes(urlEncoded));
            String json = new String(JsonStringEncoder.getInstance().quoteAsString(secret));
            forms.add(json);
            forms.add(json.replace("/", "\\/"));
            forms.add(secret.replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("\"", "&quot;")
                    .replace("'", "&#39;"));
            forms.add(secret.replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("\"", "&quot;")
                    .replace("'", "&#x27;"));
            forms.addAll(base64Cores(secret.getBytes(StandardCharsets.UTF_8)));
        }
        return forms.stream()
                .filter(f -> !f.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    private static String lowerCaseEscapes(String urlEncoded) {
        return Pattern.compile("%[0-9A-F]{2}")
                .matcher(urlEncoded)
                .replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
    }

    /**
     * The characters that encode the secret in base64 and base64url wherever it sits in the encoded data: for each of
     * the three byte alignments, the part of the encoding that depends on the secret's bytes alone.
     */
    private static List<String> base64Cores(byte[] secret) {
        List<String> cores = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + secret.length];
            System.arraycopy(secret, 0, shifted, offset, secret.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int skip = offset == 0 ? 0 : offset + 1;
            int drop = shifted.length % 3 == 0 ? 0 : 1;
            if (encoded.length() - drop - skip >= MIN_LEARNT_SECRET) {
                String core = encoded.substring(skip, encoded.length() - drop);
                cores.add(core);
                cores.add(core.replace('+', '-').replace('/', '_'));
            }
        }
        return Stream.concat(
                        cores.stream(),
                        Stream.of(
                                Base64.getEncoder().encodeToString(secret),
                                Base64.getUrlEncoder().encodeToString(secret)))
                .distinct()
                .toList();
    }
}
