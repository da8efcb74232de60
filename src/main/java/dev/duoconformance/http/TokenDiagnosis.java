package dev.duoconformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.behaviour.AdminMode;
import dev.duoconformance.http.GitLabClient.Identity;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

/** Reads the answers about a token and says what is wrong with it, if anything. */
record TokenDiagnosis(Identity identity, Exchange user, Supplier<Exchange> token, Supplier<Exchange> license) {
    Optional<String> problem() {
        String key = identity.key();
        if (!user.answered()) {
            return Optional.of("GitLab did not answer " + user.request() + ": " + user.outcome());
        }
        if (user.status() == 401) {
            return Optional.of(
                    key + " is not accepted by GitLab (" + user.request() + " answered 401): the token is invalid, "
                            + "expired or revoked. Create " + identity.description() + ".");
        }
        if (user.status() == 403) {
            return Optional.of(key + " lacks a scope the suite needs (" + user.request() + " answered " + user.outcome()
                    + "). Give it the scopes of " + identity.description() + ".");
        }
        if (user.status() != 200) {
            return Optional.of(user.request() + " answered " + user.outcome() + "; the suite cannot tell whose " + key
                    + " this is");
        }
        return identity == Identity.ADMIN ? adminProblem(key) : userProblem(key);
    }

    private Optional<String> adminProblem(String key) {
        boolean isAdmin =
                user.json().map(j -> j.path("is_admin").asBoolean(false)).orElse(false);
        return AdminMode.problem(
                key,
                identity.description(),
                isAdmin,
                scopes(),
                () -> license.get().status());
    }

    private Optional<String> userProblem(String key) {
        List<String> scopes = scopes();
        if (!scopes.isEmpty() && !scopes.contains("api") && !scopes.contains("ai_features")) {
            return Optional.of(key + " has the scopes " + scopes
                    + ", which do not allow Code Suggestions requests. Create " + identity.description() + ".");
        }
        return Optional.empty();
    }

    private List<String> scopes() {
        return scopesOf(token.get());
    }

    /** The scopes {@code GET /api/v4/personal_access_tokens/self} shows; empty when it does not answer with them. */
    static List<String> scopesOf(Exchange self) {
        JsonNode scopes =
                self.status() == 200 ? self.json().map(j -> j.path("scopes")).orElse(null) : null;
        if (scopes == null || !scopes.isArray()) {
            return List.of();
        }
        return StreamSupport.stream(scopes.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
