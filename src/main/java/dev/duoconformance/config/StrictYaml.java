package dev.duoconformance.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The YAML of an environment file: a mapping, a key given twice refused, syntax errors with their line and column. */
final class StrictYaml {
    private StrictYaml() {}

    private static YAMLMapper yaml() {
        return YAMLMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    static JsonNode parse(String where, String text) {
        try {
            JsonNode tree = yaml().readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new ConfigurationException(where + " is empty. Start from environments/example.yaml.");
            }
            if (!tree.isObject()) {
                throw new ConfigurationException(
                        where + " must be a mapping of keys (gitlab, ai_gateway, models, http, waivers).");
            }
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Matcher duplicate =
                    Pattern.compile("Duplicate field '(.*)'").matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.lookingAt()) {
                throw new ConfigurationException(
                        where + (at == null ? "" : ":" + at.getLineNr()) + ": '" + duplicate.group(1)
                                + "' is given twice in the same block; only one can hold. Remove one of them.");
            }
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigurationException(where + ": YAML syntax error" + position + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("")
                    + ". Fix the indentation or quoting there.");
        }
    }

    /** Line of each key, by JSON pointer, so a message can point at the line to fix. */
    static Map<String, Integer> linesOf(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLMapper().createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    String pointer = parser.getParsingContext().pathAsPointer().toString();
                    lines.put(pointer, parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
