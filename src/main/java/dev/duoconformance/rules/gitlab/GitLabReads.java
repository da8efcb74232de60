package dev.duoconformance.rules.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.RateLimits;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** How the GitLab rules read GitLab's answers: tokens that cannot be used, unreadable GraphQL fields, JSON helpers. */
public final class GitLabReads {
    /** The first GitLab version with {@code aiSelfHostedModelConnectionCheck}. */
    public static final String CONNECTION_CHECK_SINCE = "17.7";

    /**
     * {@code AiAcceptedSelfHostedModels}, the families GitLab's model connection check accepts
     * (ee/app/graphql/types/ai/self_hosted_models/accepted_models_enum.rb, as of 18.9); a family outside the enum fails
     * the mutation's validation, so the check could not even run.
     */
    public static final Set<String> ACCEPTED_FAMILIES = Set.of(
            "CODEGEMMA",
            "CODELLAMA",
            "CODESTRAL",
            "MISTRAL",
            "MIXTRAL",
            "DEEPSEEKCODER",
            "LLAMA3",
            "CLAUDE_3",
            "GPT",
            "GENERAL");

    static final String MONOLITH = RateLimits.MONOLITH;
    static final java.util.Set<String> SUGGESTION_FEATURES = java.util.Set.of("code_completions", "code_generations");

    private GitLabReads() {}

    /** Why {@code identity}'s token cannot be used, if it cannot. */
    public static Optional<String> unusable(GitLabClient gitlab, Identity identity) {
        if (!gitlab.has(identity)) {
            return Optional.of(identity.key() + " is not set; it would be " + identity.description());
        }
        return gitlab.identityProblem(identity);
    }

    /** A GraphQL field that could not be read; GitLab's null for a caller without rights is blamed on the entitlement. */
    static Optional<Condition> unreadable(GraphQlAnswer answer, String field, Supplier<Condition> entitlement) {
        if (answer.undefinedField().isPresent()) {
            return Optional.of(Condition.unknown(
                    "this GitLab has no " + answer.undefinedField().get() + " (" + answer.outcome() + ")"));
        }
        if (!answer.answered()) {
            return Optional.of(Condition.unknown(field + " could not be read: " + answer.outcome()));
        }
        if (!answer.data().path(field).isObject()) {
            Condition owner = entitlement.get();
            // GitLab answers null to a caller without self-hosted model rights: an unlicensed instance, not an empty
            // list.
            return Optional.of(
                    owner.isBroken()
                            ? owner
                            : Condition.unknown(field + " came back null although the administrator "
                                    + "token, license and add-on are in order (" + answer.outcome() + ")"));
        }
        return Optional.empty();
    }

    static Optional<JsonNode> duoEnterprisePurchase(GitLabClient gitlab) {
        return stream(gitlab.addOnPurchases().data().path("addOnPurchases"))
                .filter(p -> "DUO_ENTERPRISE".equals(p.path("name").asText())
                        && p.path("purchasedQuantity").asInt(0) > 0)
                .findFirst();
    }

    static Optional<JsonNode> healthStatus(GitLabClient gitlab) {
        if (unusable(gitlab, Identity.ADMIN).isPresent()) {
            return Optional.empty();
        }
        JsonNode status = gitlab.healthCheck().data().path("cloudConnectorStatus");
        return status.isObject() ? Optional.of(status) : Optional.empty();
    }

    /** The AI gateway URL GitLab's probes use: its setting when readable (17.9+), else the environment's expected URL. */
    static String gatewayUrlGitLabProbes(GitLabClient gitlab, dev.duoconformance.config.Environment environment) {
        if (unusable(gitlab, Identity.ADMIN).isEmpty()) {
            JsonNode configured = gitlab.gatewayUrl().data().path("duoSettings").path("aiGatewayUrl");
            if (configured.isTextual() && !configured.asText().isBlank()) {
                return configured.asText();
            }
        }
        return environment.aiGateway().map(g -> g.expectedUrl().toString()).orElse("");
    }

    static String hostOf(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    static String healthUnreadable(GitLabClient gitlab) {
        return unusable(gitlab, Identity.ADMIN)
                .orElseGet(() -> "the GitLab Duo health check could not be read: "
                        + gitlab.healthCheck().outcome());
    }

    static Condition broken(String section, String cause, String checked, String expected, String butWas) {
        return Condition.broken(new Failure(section, cause, checked, expected, butWas));
    }

    static Failure failure(String section, String cause, String checked, String expected, String butWas) {
        return new Failure(section, cause, checked, expected, butWas);
    }

    public static String describeProbes(JsonNode status) {
        return stream(status.path("probeResults"))
                .map(p -> p.path("name").asText() + " " + (p.path("success").asBoolean() ? "✔" : "✗") + " \""
                        + p.path("message").asText().replaceAll("\\s+", " ").strip() + "\"")
                .collect(Collectors.joining("; "));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    static boolean sameUrl(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        return a.replaceAll("/+$", "").equalsIgnoreCase(b.replaceAll("/+$", ""));
    }

    public static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    static String describe(String name, String endpoint, String identifier) {
        return "'" + name + "' (endpoint " + (endpoint == null ? "none" : endpoint) + ", identifier "
                + (identifier == null ? "none" : identifier) + ")";
    }

    static String describe(JsonNode model) {
        return describe(model.path("name").asText(), text(model, "endpoint"), text(model, "identifier"));
    }

    /**
     * GitLab's connection check for a model of the environment file, sent through the AI gateway, succeeded: its message;
     * empty when it failed or could not be sent. A raw reading of GitLab's answer (memoized by the client), judged by
     * nothing: model-reachable-from-ai-gateway asks it when this runner cannot reach the model (the runner's vantage is
     * not the gateway's), without depending on ai-gateway-can-request-model.
     */
    public static Optional<String> reachedTheModel(GitLabClient gitlab, Environment.Model model) {
        String family = model.family().toUpperCase(Locale.ROOT);
        Optional<GitLabVersion> version = gitlab.instanceVersion();
        if (!ACCEPTED_FAMILIES.contains(family)
                || version.isEmpty()
                || version.get().isBefore(GitLabVersion.of(CONNECTION_CHECK_SINCE))
                || unusable(gitlab, Identity.ADMIN).isPresent()) {
            return Optional.empty();
        }
        JsonNode result = gitlab.connectionCheck(model, family)
                .data()
                .path("aiSelfHostedModelConnectionCheck")
                .path("result");
        return result.path("success").asBoolean(false)
                ? Optional.of(result.path("message").asText())
                : Optional.empty();
    }
}
