package dev.duoconformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab's answer to a GraphQL request. GraphQL answers HTTP 200 even when it failed, so what matters is in the
 * body: {@code errors[]} (a field this version lacks, a resource the caller may not see) and {@code data}, where a
 * {@code null} field can mean "unset" or "not yours to read" — telling the two apart is the caller's job.
 */
public final class GraphQlAnswer {
    private static final Pattern UNDEFINED_FIELD = Pattern.compile("Field '([^']+)' doesn't exist on type '([^']+)'");
    private static final String NOT_PERMITTED = "you don't have permission to perform this action";

    private final Exchange exchange;
    private final JsonNode body;

    private GraphQlAnswer(Exchange exchange, JsonNode body) {
        this.exchange = exchange;
        this.body = body;
    }

    public static GraphQlAnswer of(Exchange exchange) {
        JsonNode body = exchange.answered() && exchange.status() == 200
                ? exchange.json()
                        .filter(j -> j.isObject() && (j.has("data") || j.has("errors")))
                        .orElse(null)
                : null;
        return new GraphQlAnswer(exchange, body);
    }

    public Exchange exchange() {
        return exchange;
    }

    /** Whether GitLab's GraphQL endpoint answered at all (HTTP 200 with {@code data} or {@code errors}). */
    public boolean answered() {
        return body != null;
    }

    /** The {@code data} object; {@link MissingNode} when validation failed and GitLab sent none. */
    public JsonNode data() {
        return body == null ? MissingNode.getInstance() : body.path("data");
    }

    public List<String> errors() {
        List<String> messages = new ArrayList<>();
        if (body != null) {
            body.path("errors").forEach(e -> messages.add(e.path("message").asText()));
        }
        return messages;
    }

    /** {@code Type.field} of the first field GitLab says does not exist: this version does not have that API. */
    public Optional<String> undefinedField() {
        for (String message : errors()) {
            Matcher m = UNDEFINED_FIELD.matcher(message);
            if (m.find()) {
                return Optional.of(m.group(2) + "." + m.group(1));
            }
        }
        return Optional.empty();
    }

    /** GitLab refused a field to this caller ("resource not available"), as it does for non-admins and unlicensed instances. */
    public boolean notPermitted() {
        return errors().stream().anyMatch(m -> m.contains(NOT_PERMITTED));
    }

    /** What came back, in one line: the errors when there are any, else the exchange's outcome. */
    public String outcome() {
        if (!answered()) {
            return exchange.outcome();
        }
        List<String> errors = errors();
        return errors.isEmpty() ? exchange.outcome() : "GraphQL errors: " + String.join("; ", errors);
    }
}
