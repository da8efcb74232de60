package dev.duoconformance.simulator.gitlab;

import dev.duoconformance.http.GitLabVersion;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The part of GitLab's GraphQL schema the simulated instance serves, with the version each field appeared in, so a
 * query for a field this version lacks fails validation as on a real instance ("Field 'x' doesn't exist on type 'Y'").
 */
final class GitLabGraphQlSchema {
    /** A field's type (null for a scalar) and the first version that has it. */
    record FieldType(String type, GitLabVersion since) {}

    private static final GitLabVersion ALWAYS = GitLabVersion.of("16.0");
    private final Map<String, Map<String, FieldType>> types = new HashMap<>();
    /** For the fields whose arguments are versioned: each argument and the first version that has it. */
    private final Map<String, Map<String, GitLabVersion>> arguments = new HashMap<>();

    GitLabGraphQlSchema() {
        type(
                "Query",
                "currentUser:CurrentUser",
                "aiFeatureSettings:AiFeatureSettingConnection@17.4",
                "aiSelfHostedModels:AiSelfHostedModelConnection@17.1",
                "duoSettings:DuoSettings@17.9",
                "cloudConnectorStatus:CloudConnectorStatus@17.3",
                "addOnPurchases:AddOnPurchase",
                "selfManagedAddOnEligibleUsers:AddOnUserConnection",
                "aiMessages:AiMessageConnection");
        type(
                "Mutation",
                "aiSelfHostedModelConnectionCheck:AiSelfHostedModelConnectionCheckPayload@17.7",
                "aiAction:AiActionPayload");
        // Chat threads: ee/app/graphql/mutations/ai/action.rb (field and argument thread_id) and
        // ee/app/graphql/resolvers/ai/chat_messages_resolver.rb (argument thread_id), MR 177053, CHANGELOG.md 17.9.0.
        type("AiActionPayload", "requestId", "threadId@17.9", "errors", "clientMutationId");
        arguments("Query", "aiMessages", "requestIds", "roles", "threadId@17.9", "conversationType@17.9");
        type("AiMessageConnection", "nodes:AiMessage");
        type(
                "AiMessage",
                "id",
                "requestId",
                "content",
                "contentHtml",
                "role",
                "timestamp",
                "chunkId",
                "errors",
                "type",
                "extras",
                "threadId@17.9");
        type("CurrentUser", "id", "username", "name", "duoCodeSuggestionsAvailable", "duoChatAvailable");
        type("AiFeatureSettingConnection", "nodes:AiFeatureSetting");
        type(
                "AiFeatureSetting",
                "feature",
                "provider",
                "title",
                "mainFeature",
                "releaseState",
                "selfHostedModel:AiSelfHostedModel");
        type("AiSelfHostedModelConnection", "nodes:AiSelfHostedModel");
        type(
                "AiSelfHostedModel",
                "id",
                "name",
                "model",
                "modelDisplayName",
                "endpoint",
                "identifier",
                "hasApiToken",
                "apiToken",
                "releaseState",
                "createdAt",
                "updatedAt");
        type(
                "DuoSettings",
                "aiGatewayUrl",
                "duoAgentPlatformServiceUrl@18.4",
                "selfHostedDuoAgentPlatformServiceSecure@18.10",
                "aiGatewayTimeoutSeconds@18.7",
                "updatedAt");
        type("CloudConnectorStatus", "success", "probeResults:CloudConnectorProbeResult");
        type("CloudConnectorProbeResult", "name", "success", "message", "errors@17.5", "details@17.5");
        type("AddOnPurchase", "id", "name", "purchasedQuantity", "assignedQuantity");
        type("AddOnUserConnection", "nodes:AddOnUser");
        type("AddOnUser", "id", "username", "name", "addOnAssignments:UserAddOnAssignmentConnection");
        type("UserAddOnAssignmentConnection", "nodes:UserAddOnAssignment");
        type("UserAddOnAssignment", "addOnPurchase:AddOnPurchase");
        type(
                "AiSelfHostedModelConnectionCheckPayload",
                "result:CloudConnectorProbeResult",
                "errors",
                "clientMutationId");
    }

    /** The field of a type, if this version has it. */
    Optional<FieldType> field(String type, String field, GitLabVersion version) {
        return Optional.ofNullable(types.getOrDefault(type, Map.of()).get(field))
                .filter(f -> version.isAtLeast(f.since()));
    }

    /** Whether this version's field accepts the argument (true for a field whose arguments are not listed here). */
    boolean accepts(String type, String field, String argument, GitLabVersion version) {
        Map<String, GitLabVersion> known = arguments.get(type + "." + field);
        return known == null || known.containsKey(argument) && version.isAtLeast(known.get(argument));
    }

    /** Each spec is {@code name[@since]}. */
    private void arguments(String type, String field, String... specs) {
        Map<String, GitLabVersion> known = new HashMap<>();
        for (String spec : specs) {
            String[] versioned = spec.split("@");
            known.put(versioned[0], versioned.length > 1 ? GitLabVersion.of(versioned[1]) : ALWAYS);
        }
        arguments.put(type + "." + field, known);
    }

    /** Each spec is {@code name[:Type][@since]}. */
    private void type(String name, String... specs) {
        Map<String, FieldType> fields = new HashMap<>();
        for (String spec : specs) {
            String[] versioned = spec.split("@");
            String[] typed = versioned[0].split(":");
            fields.put(
                    typed[0],
                    new FieldType(
                            typed.length > 1 ? typed[1] : null,
                            versioned.length > 1 ? GitLabVersion.of(versioned[1]) : ALWAYS));
        }
        types.put(name, fields);
    }
}
