package dev.duoconformance.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The keys an environment file may hold. An unknown key is a mistake, reported with the closest known key. */
final class Keys {
    private final Map<String, Keys> children;
    private final boolean listOfBlocks;

    private Keys(Map<String, Keys> children, boolean listOfBlocks) {
        this.children = children;
        this.listOfBlocks = listOfBlocks;
    }

    private static Keys value() {
        return new Keys(Map.of(), false);
    }

    private static Keys block(Object... namesAndKeys) {
        Map<String, Keys> children = new LinkedHashMap<>();
        for (int i = 0; i < namesAndKeys.length; i += 2) {
            children.put((String) namesAndKeys[i], (Keys) namesAndKeys[i + 1]);
        }
        return new Keys(children, false);
    }

    private static Keys listOf(Keys block) {
        return new Keys(block.children, true);
    }

    static final Keys ROOT = block(
            "simulated_deployment", value(),
            "gitlab",
                    block(
                            "url", value(),
                            "admin_token", value(),
                            "user_token", value(),
                            "console", block("command", value(), "user", value())),
            "ai_gateway",
                    block(
                            "url", value(),
                            "expected_url", value(),
                            "auth_bypass_expected", value(),
                            "docker", block("host", value(), "container", value()),
                            "kubernetes",
                                    block(
                                            "kubeconfig", value(),
                                            "context", value(),
                                            "namespace", value(),
                                            "selector", value(),
                                            "pod", value(),
                                            "container", value())),
            "models",
                    listOf(block(
                            "name", value(),
                            "family", value(),
                            "endpoint", value(),
                            "identifier", value(),
                            "api_key", value(),
                            "features", value(),
                            "platform", value())),
            "http",
                    block(
                            "connect_timeout", value(),
                            "request_timeout", value(),
                            "ca_bundle", value(),
                            "insecure", value(),
                            "proxy", value()),
            "waivers",
                    listOf(block(
                            "section", value(),
                            "justification", value(),
                            "expires", value())));

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void check(String where, JsonNode node, String path, Map<String, Integer> lines) {
        if (children.isEmpty()) {
            return;
        }
        if (listOfBlocks) {
            if (!node.isArray()) {
                throw new ConfigurationException(
                        where + ": " + path + " must be a list of blocks, each starting with '- '.");
            }
            for (int i = 0; i < node.size(); i++) {
                new Keys(children, false).check(where, node.get(i), path + "[" + i + "]", lines);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            Keys known = children.get(name);
            if (known == null) {
                Integer line = lines.get(pointer(path, name));
                throw new ConfigurationException(
                        where + (line == null ? "" : ":" + line) + ": unknown key '" + join(path, name) + "'."
                                + " Did you mean '" + closest(name) + "'? Keys allowed "
                                + (path.isEmpty() ? "at the top" : "under " + path)
                                + ": " + String.join(", ", children.keySet()) + ".");
            }
            known.check(where, node.get(name), join(path, name), lines);
        }
    }

    private static String pointer(String path, String name) {
        return "/" + join(path, name).replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    }

    private String closest(String name) {
        return closest(children.keySet(), name);
    }

    static String closest(java.util.Collection<String> candidates, String name) {
        return candidates.stream()
                .min(Comparator.comparingInt(k -> distance(k, name)))
                .orElseThrow();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
