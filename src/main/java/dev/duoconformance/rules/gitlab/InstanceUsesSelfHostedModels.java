package dev.duoconformance.rules.gitlab;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Section instance-uses-self-hosted-models: GitLab has each model as configured, and Code Suggestions use them. */
public final class InstanceUsesSelfHostedModels {
    /** Each model of the environment file exists in GitLab as configured, and Code Suggestions and generation use them. */
    public static final Check<InstanceUsesSelfHostedModels> SELF_HOSTED_CONFIGURATION = Check.of(
            "codeSuggestionsUseTheSelfHostedModels",
            "Each configured model exists in GitLab with its endpoint and identifier, and Code Suggestions and Code generation use it",
            Gate.gitlab("aiSelfHostedModels and aiFeatureSettings", Identity.ADMIN)
                    .since("17.4"),
            InstanceUsesSelfHostedModels::selfHostedConfiguration);

    public static final Declaration<InstanceUsesSelfHostedModels> SECTION = Declaration.of(
                    Sections.SELF_HOSTED_MODELS, InstanceUsesSelfHostedModels::new)
            .dependsOn(Sections.USER_CAN_REQUEST)
            .checks(SELF_HOSTED_CONFIGURATION);

    private final Probes probes;
    private final Environment environment;
    private final GitLabClient gitlab;

    private InstanceUsesSelfHostedModels(Probes probes) {
        this.probes = probes;
        this.environment = probes.environment();
        this.gitlab = probes.gitlab();
    }

    private Condition selfHostedConfiguration() {
        GraphQlAnswer models = gitlab.selfHostedModels();
        GraphQlAnswer features = gitlab.featureSettings();
        Optional<Condition> unreadable = unreadable(
                        models, "aiSelfHostedModels", () -> probes.outcome(UserCanRequestCodeSuggestions.ENTITLEMENT))
                .or(() -> unreadable(
                        features,
                        "aiFeatureSettings",
                        () -> probes.outcome(UserCanRequestCodeSuggestions.ENTITLEMENT)));
        if (unreadable.isPresent()) {
            return unreadable.get();
        }
        List<JsonNode> stored =
                stream(models.data().path("aiSelfHostedModels").path("nodes")).toList();
        for (Environment.Model model : environment.models()) {
            Optional<JsonNode> match = stored.stream()
                    .filter(m -> m.path("name").asText().equals(model.name()))
                    .findFirst();
            String expected = describe(
                    model.name(),
                    model.endpoint().map(URI::toString).orElse(null),
                    model.identifier().orElse(null));
            if (match.isEmpty()) {
                return broken(
                        Sections.SELF_HOSTED_MODELS,
                        "model-missing",
                        "GraphQL aiSelfHostedModels",
                        "a model " + expected,
                        stored.isEmpty()
                                ? "no self-hosted model"
                                : stored.stream().map(GitLabReads::describe).collect(Collectors.joining("; ")));
            }
            JsonNode found = match.get();
            if (!sameUrl(model.endpoint().map(URI::toString).orElse(null), text(found, "endpoint"))
                    || !model.identifier()
                            .orElse("")
                            .equals(text(found, "identifier") == null ? "" : text(found, "identifier"))) {
                return broken(
                        Sections.SELF_HOSTED_MODELS,
                        "model-differs",
                        "GraphQL aiSelfHostedModels",
                        expected,
                        describe(found));
            }
            // GitLab's connection check tests the values the suite sends, never the stored row (connection_check.rb
            // build_model):
            // what GitLab really uses is compared here.
            String storedFamily = text(found, "model");
            if (storedFamily != null && !storedFamily.equalsIgnoreCase(model.family())) {
                return broken(
                        Sections.SELF_HOSTED_MODELS,
                        "model-family-differs",
                        "GraphQL aiSelfHostedModels",
                        "'" + model.name() + "' with model family " + model.family() + " (models[].family)",
                        "'" + model.name() + "' stored with model family " + storedFamily);
            }
            if (model.apiKey().isPresent()
                    && found.path("hasApiToken").isBoolean()
                    && !found.path("hasApiToken").asBoolean()) {
                return broken(
                        Sections.SELF_HOSTED_MODELS,
                        "api-key-missing",
                        "GraphQL aiSelfHostedModels.hasApiToken of '" + model.name() + "'",
                        "true: GitLab sends the model server's API key (models[].api_key is set)",
                        "false: GitLab stores no API key for this model, so it calls the model server without one");
            }
        }
        List<JsonNode> settings =
                stream(features.data().path("aiFeatureSettings").path("nodes")).toList();
        for (String feature : List.of("code_completions", "code_generations")) {
            Optional<String> servedBy = environment.models().stream()
                    .filter(m -> m.features().contains(feature))
                    .map(Environment.Model::name)
                    .findFirst();
            Condition condition = featureUsesSelfHostedModel(Sections.SELF_HOSTED_MODELS, settings, feature, servedBy);
            if (condition.isBroken()) {
                return condition;
            }
        }
        return Condition.holds();
    }

    static Condition featureUsesSelfHostedModel(
            String section, List<JsonNode> settings, String feature, Optional<String> servedBy) {
        Optional<JsonNode> setting = settings.stream()
                .filter(s -> s.path("feature").asText().equals(feature))
                .findFirst();
        String provider = setting.map(s -> s.path("provider").asText()).orElse("(not listed)");
        JsonNode model = setting.map(s -> s.path("selfHostedModel")).orElse(null);
        String modelName =
                model == null || !model.isObject() ? null : model.path("name").asText();
        String expected = feature + ": provider self_hosted with "
                + servedBy.map(n -> "the model '" + n + "'").orElse("a self-hosted model");
        String actual =
                feature + ": provider " + provider + (modelName == null ? ", no model" : ", model '" + modelName + "'");
        if (!"self_hosted".equals(provider)
                || modelName == null
                || servedBy.filter(n -> !n.equals(modelName)).isPresent()) {
            return broken(section, "feature-not-self-hosted", "GraphQL aiFeatureSettings", expected, actual);
        }
        return Condition.holds();
    }
}
