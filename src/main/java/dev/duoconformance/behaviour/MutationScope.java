package dev.duoconformance.behaviour;

import java.util.List;
import java.util.Optional;

/**
 * GitLab runs a GraphQL mutation only for a token with the {@code api} scope: {@code BaseMutation.authorization_scopes}
 * is {@code [:api]}, and {@code BaseMutation.authorized?} answers "resource not available" otherwise
 * (app/graphql/mutations/base_mutation.rb). {@code read_api} is not enough, even for a mutation that stores nothing,
 * such as the model connection check.
 */
public final class MutationScope {
    private MutationScope() {}

    /**
     * Why GitLab refused {@code mutation} for this token, when its scopes (as {@code personal_access_tokens/self} shows
     * them) lack {@code api}; empty when they have it or are unknown.
     */
    public static Optional<String> missing(String key, String description, List<String> scopes, String mutation) {
        if (scopes.isEmpty() || scopes.contains("api")) {
            return Optional.empty();
        }
        return Optional.of(key + " lacks the `api` scope (scopes: " + scopes
                + "), which GitLab requires for every GraphQL mutation, " + mutation
                + " included, although it stores nothing. Create " + description + ".");
    }
}
