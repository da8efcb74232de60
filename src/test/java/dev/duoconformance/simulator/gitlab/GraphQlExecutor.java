package dev.duoconformance.simulator.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.simulator.server.SimServer;
import dev.duoconformance.simulator.server.SimServer.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a parsed GraphQL operation as graphql-ruby does for GitLab: a field the schema of this version lacks answers
 * with an {@code undefinedField} error and no data; a resolver that refuses answers {@code null} plus an error.
 */
final class GraphQlExecutor {
    private static final String NOT_PERMITTED =
            "The resource that you are attempting to access does not exist or you don't have "
                    + "permission to perform this action";

    /** The value of a root field, or {@link NotPermitted}. */
    interface Resolver {
        JsonNode resolve(GraphQlQuery.Field field);
    }

    /** A resolver's "resource not available" (graphql-ruby's ResourceNotAvailable): null data plus an error. */
    static final class NotPermitted extends RuntimeException {
        NotPermitted() {
            super(null, null, false, false);
        }
    }

    private final GitLabGraphQlSchema schema;
    private final GitLabVersion version;

    GraphQlExecutor(GitLabGraphQlSchema schema, GitLabVersion version) {
        this.schema = schema;
        this.version = version;
    }

    Response execute(GraphQlQuery.Operation operation, Resolver resolver) {
        String rootType = operation.kind().equals("mutation") ? "Mutation" : "Query";
        ArrayNode errors = SimServer.JSON.createArrayNode();
        for (GraphQlQuery.Field field : operation.fields()) {
            validate(rootType, field, List.of(operation.kind()), errors);
        }
        ObjectNode answer = SimServer.JSON.createObjectNode();
        if (!errors.isEmpty()) {
            answer.set("errors", errors);
            return Response.json(200, answer);
        }
        ObjectNode data = answer.putObject("data");
        for (GraphQlQuery.Field field : operation.fields()) {
            try {
                JsonNode value = resolver.resolve(field);
                String type = schema.field(rootType, field.name(), version)
                        .orElseThrow()
                        .type();
                data.set(field.name(), project(value, type, field.selection()));
            } catch (NotPermitted e) {
                data.putNull(field.name());
                ObjectNode error = errors.addObject().put("message", NOT_PERMITTED);
                error.putArray("locations")
                        .addObject()
                        .put("line", field.line())
                        .put("column", field.column());
                error.putArray("path").add(field.name());
            }
        }
        if (!errors.isEmpty()) {
            answer.set("errors", errors);
        }
        return Response.json(200, answer);
    }

    private void validate(String type, GraphQlQuery.Field field, List<String> path, ArrayNode errors) {
        List<String> here = new ArrayList<>(path);
        here.add(field.name());
        Optional<GitLabGraphQlSchema.FieldType> known = schema.field(type, field.name(), version);
        if (known.isEmpty()) {
            ObjectNode error = errors.addObject()
                    .put("message", "Field '" + field.name() + "' doesn't exist on type '" + type + "'");
            error.putArray("locations").addObject().put("line", field.line()).put("column", field.column());
            here.forEach(error.putArray("path")::add);
            error.putObject("extensions")
                    .put("code", "undefinedField")
                    .put("typeName", type)
                    .put("fieldName", field.name());
            return;
        }
        for (String argument : field.arguments().keySet()) {
            if (!schema.accepts(type, field.name(), argument, version)) {
                // graphql-ruby's ArgumentsAreDefined rule
                ObjectNode error = errors.addObject()
                        .put("message", "Field '" + field.name() + "' doesn't accept argument '" + argument + "'");
                error.putArray("locations")
                        .addObject()
                        .put("line", field.line())
                        .put("column", field.column());
                here.forEach(error.putArray("path")::add);
                error.putObject("extensions")
                        .put("code", "argumentNotAccepted")
                        .put("name", field.name())
                        .put("typeName", "Field")
                        .put("argumentName", argument);
            }
        }
        for (GraphQlQuery.Field child : field.selection()) {
            validate(known.get().type(), child, here, errors);
        }
    }

    private JsonNode project(JsonNode value, String type, List<GraphQlQuery.Field> selection) {
        if (value == null || value.isNull() || type == null || selection.isEmpty()) {
            return value == null ? NullNode.getInstance() : value;
        }
        if (value.isArray()) {
            ArrayNode list = SimServer.JSON.createArrayNode();
            value.forEach(element -> list.add(project(element, type, selection)));
            return list;
        }
        ObjectNode projected = SimServer.JSON.createObjectNode();
        for (GraphQlQuery.Field field : selection) {
            String fieldType =
                    schema.field(type, field.name(), version).orElseThrow().type();
            projected.set(
                    field.name(),
                    project(
                            value.path(field.name()).isMissingNode() ? NullNode.getInstance() : value.get(field.name()),
                            fieldType,
                            field.selection()));
        }
        return projected;
    }
}
