package dev.duoconformance.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in an environment file: filled from the process environment (an unset
 * variable without a default is refused), and the only way a secret may enter the file.
 */
final class Interpolation {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private static final Set<String> SECRET_KEYS = Set.of("admin_token", "user_token", "api_key");

    /** What fills a {@code ${VAR}} that is not set and has no default: null refuses it, as a run does. */
    @FunctionalInterface
    interface Unset {
        Unset REFUSE = (variable, path, whole) -> null;

        String standIn(String variable, String path, boolean wholeValue);
    }

    /**
     * Marks a file that is checked at run time only: a merge request's job runs on another runner than the scheduled
     * run, where the file (often a CI/CD variable of type File, such as a kubeconfig) exists. The file checks skip it.
     */
    static final String FILE_CHECKED_AT_RUN_TIME = "file-checked-at-run-time:";

    /**
     * Stand-ins for a merge request pipeline, which usually gets no secret variables: each unset variable takes a value of
     * the shape its key needs, so everything else in the file is still checked. Secrets become a placeholder token, URLs
     * {@code https://unset.invalid} (a name that never resolves), a Docker host {@code tcp://unset.invalid:2376}, files
     * are skipped, and a variable inside a longer value becomes {@code unset.invalid}.
     */
    static final Unset STAND_IN = (variable, path, whole) -> {
        if (!whole) {
            return "unset.invalid";
        }
        return switch (path.substring(path.lastIndexOf('.') + 1)) {
            case "admin_token", "user_token", "api_key" -> "unset-variable-stand-in";
            case "url", "expected_url", "endpoint", "proxy" -> "https://unset.invalid";
            case "host" -> "tcp://unset.invalid:2376";
            case "ca_bundle", "kubeconfig" -> FILE_CHECKED_AT_RUN_TIME + variable;
            default -> "unset";
        };
    };

    private Interpolation() {}

    /** Whether a file path is only checked at run time ({@link #FILE_CHECKED_AT_RUN_TIME}). */
    static boolean standsIn(String value) {
        return value.startsWith(FILE_CHECKED_AT_RUN_TIME);
    }

    static void checkSecretsComeFromVariables(String where, JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                String child = Keys.join(path, field.getKey());
                JsonNode value = field.getValue();
                if (SECRET_KEYS.contains(field.getKey())
                        && value.isValueNode()
                        && !value.isNull()
                        && !(value.isTextual() && value.asText().isEmpty())) {
                    Matcher variable = VARIABLE.matcher(value.asText());
                    boolean literal = !value.isTextual() || !variable.matches();
                    if (literal
                            || (variable.group(3) != null && !variable.group(3).isEmpty())) {
                        throw new ConfigurationException(where + ": " + child + " holds a literal secret"
                                + (literal ? "" : " (the default after :- is one)") + ". Secrets come from the process "
                                + "environment only: write " + field.getKey()
                                + ": ${SOME_VARIABLE} and export SOME_VARIABLE.");
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

    static JsonNode interpolate(String where, JsonNode node, String path, Function<String, String> variables) {
        return interpolate(where, node, path, variables, Unset.REFUSE, new java.util.LinkedHashSet<>());
    }

    /** Fills the variables; {@code stoodIn} collects the unset ones that {@code unset} gave a stand-in. */
    static JsonNode interpolate(
            String where,
            JsonNode node,
            String path,
            Function<String, String> variables,
            Unset unset,
            Set<String> stoodIn) {
        if (node.isTextual()) {
            return TextNode.valueOf(fill(where, path, node.asText(), variables, unset, stoodIn));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.fields()
                    .forEachRemaining(f -> copy.set(
                            f.getKey(),
                            interpolate(where, f.getValue(), Keys.join(path, f.getKey()), variables, unset, stoodIn)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(interpolate(where, node.get(i), path + "[" + i + "]", variables, unset, stoodIn));
            }
            return copy;
        }
        return node;
    }

    private static String fill(
            String where,
            String path,
            String text,
            Function<String, String> variables,
            Unset unset,
            Set<String> stoodIn) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.apply(m.group(1));
            String standIn = value == null && m.group(2) == null
                    ? unset.standIn(m.group(1), path, m.start() == 0 && m.end() == text.length())
                    : null;
            if (standIn != null) {
                stoodIn.add(m.group(1));
                value = standIn;
            }
            if (value == null) {
                if (m.group(2) == null) {
                    throw new ConfigurationException(
                            where + ": " + path + " uses ${" + m.group(1) + "}, which is not set. Export " + m.group(1)
                                    + " before the run, or write ${" + m.group(1) + ":-} to allow it to be empty.");
                }
                value = m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
