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

    private Interpolation() {}

    static void checkSecretsComeFromVariables(String where, JsonNode node, String path) {
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

    static JsonNode interpolate(String where, JsonNode node, String path, Function<String, String> variables) {
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
}
