package dev.duoconformance.simulator.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of a GraphQL parser for the simulated GitLab: one operation ({@code query} or {@code mutation}) with
 * variable definitions, fields, arguments (literals, enums, lists, input objects, {@code $variables}) and nested
 * selections. No fragments or directives: the suite sends none, and anything else is a syntax error.
 */
final class GraphQlQuery {
    /** One selected field, its arguments resolved against the request's variables. */
    record Field(String name, Map<String, JsonNode> arguments, List<Field> selection, int line, int column) {}

    static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private final String text;
    private final JsonNode variables;
    private int position;

    private GraphQlQuery(String text, JsonNode variables) {
        this.text = text;
        this.variables = variables;
    }

    /** The operation's kind ({@code query} or {@code mutation}) and its top-level fields. */
    record Operation(String kind, List<Field> fields) {}

    static Operation parse(String text, JsonNode variables) {
        return new GraphQlQuery(text, variables == null ? JsonNodeFactory.instance.objectNode() : variables)
                .operation();
    }

    private Operation operation() {
        skipIgnored();
        String kind = "query";
        if (peekName()) {
            kind = name();
            if (!kind.equals("query") && !kind.equals("mutation")) {
                throw error("Parse error on \"" + kind + "\"");
            }
            skipIgnored();
            if (peekName()) {
                name();
            }
            skipIgnored();
            if (peek('(')) {
                skipBalanced('(', ')');
            }
        }
        List<Field> fields = selectionSet();
        skipIgnored();
        if (position < text.length()) {
            throw error("Parse error on \"" + text.charAt(position) + "\"");
        }
        return new Operation(kind, fields);
    }

    private List<Field> selectionSet() {
        expect('{');
        List<Field> fields = new ArrayList<>();
        while (true) {
            skipIgnored();
            if (peek('}')) {
                position++;
                return fields;
            }
            fields.add(field());
        }
    }

    private Field field() {
        int[] at = lineAndColumn();
        String name = name();
        skipIgnored();
        Map<String, JsonNode> arguments = new LinkedHashMap<>();
        if (peek('(')) {
            position++;
            while (true) {
                skipIgnored();
                if (peek(')')) {
                    position++;
                    break;
                }
                String argument = name();
                skipIgnored();
                expect(':');
                arguments.put(argument, value());
            }
            skipIgnored();
        }
        List<Field> selection = peek('{') ? selectionSet() : List.of();
        return new Field(name, arguments, selection, at[0], at[1]);
    }

    private JsonNode value() {
        skipIgnored();
        if (position >= text.length()) {
            throw error("Unexpected end of document");
        }
        char c = text.charAt(position);
        if (c == '$') {
            position++;
            return variables.path(name());
        }
        if (c == '"') {
            return JsonNodeFactory.instance.textNode(string());
        }
        if (c == '[') {
            position++;
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            while (true) {
                skipIgnored();
                if (peek(']')) {
                    position++;
                    return list;
                }
                list.add(value());
            }
        }
        if (c == '{') {
            position++;
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            while (true) {
                skipIgnored();
                if (peek('}')) {
                    position++;
                    return object;
                }
                String key = name();
                skipIgnored();
                expect(':');
                object.set(key, value());
            }
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = position;
            while (position < text.length() && "-+.eE0123456789".indexOf(text.charAt(position)) >= 0) {
                position++;
            }
            return JsonNodeFactory.instance.numberNode(Double.parseDouble(text.substring(start, position)));
        }
        String word = name();
        return switch (word) {
            case "true" -> JsonNodeFactory.instance.booleanNode(true);
            case "false" -> JsonNodeFactory.instance.booleanNode(false);
            case "null" -> JsonNodeFactory.instance.nullNode();
            default -> JsonNodeFactory.instance.textNode(word); // an enum value
        };
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && position < text.length()) {
                char escaped = text.charAt(position++);
                out.append(
                        switch (escaped) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> escaped;
                        });
            } else {
                out.append(c);
            }
        }
        throw error("Unterminated string");
    }

    private String name() {
        skipIgnored();
        int start = position;
        while (position < text.length()
                && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
            position++;
        }
        if (start == position) {
            throw error(
                    position < text.length()
                            ? "Parse error on \"" + text.charAt(position) + "\""
                            : "Unexpected end of document");
        }
        return text.substring(start, position);
    }

    private boolean peekName() {
        return position < text.length() && (Character.isLetter(text.charAt(position)) || text.charAt(position) == '_');
    }

    private boolean peek(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    private void expect(char c) {
        skipIgnored();
        if (!peek(c)) {
            throw error("Expected \"" + c + "\""
                    + (position < text.length() ? " at \"" + text.charAt(position) + "\"" : ""));
        }
        position++;
    }

    private void skipBalanced(char open, char close) {
        int depth = 0;
        do {
            char c = text.charAt(position++);
            if (c == open) {
                depth++;
            } else if (c == close) {
                depth--;
            }
        } while (depth > 0 && position < text.length());
    }

    private void skipIgnored() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '#') {
                while (position < text.length() && text.charAt(position) != '\n') {
                    position++;
                }
            } else if (Character.isWhitespace(c) || c == ',') {
                position++;
            } else {
                return;
            }
        }
    }

    private int[] lineAndColumn() {
        int line = 1;
        int column = 1;
        for (int i = 0; i < position; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private SyntaxError error(String message) {
        int[] at = lineAndColumn();
        return new SyntaxError(message + " at [" + at[0] + ", " + at[1] + "]");
    }
}
