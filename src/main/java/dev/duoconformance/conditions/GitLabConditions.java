package dev.duoconformance.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.AiGatewayClient;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.http.TransportError;
import dev.duoconformance.junit.Condition;
import dev.duoconformance.junit.Sections;
import dev.duoconformance.upstream.ConnectionCheckTimeout;
import dev.duoconformance.upstream.DirectAccess;
import dev.duoconformance.upstream.DuoFeatures;
import dev.duoconformance.upstream.HealthProbes;
import dev.duoconformance.upstream.RateLimits;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The documented conditions of the GitLab side, each owned by one section, read from GitLab's API (every probe is
 * memoized, so asking twice costs nothing). A section's check requires its own condition; sections downstream ask
 * for the upstream ones to tell "blocked by" from "failed".
 */
public final class GitLabConditions {
    static final String MONOLITH = "x-gitlab-error-origin";
    static final Set<String> SUGGESTION_FEATURES = Set.of("code_completions", "code_generations");
    /** {@code AiAcceptedSelfHostedModels}, the families GitLab's model connection check accepts. */
    static final Set<String> ACCEPTED_FAMILIES = Set.of("CODEGEMMA", "CODELLAMA", "CODESTRAL", "MISTRAL", "MIXTRAL", "DEEPSEEKCODER",
            "LLAMA3", "CLAUDE_3", "GPT", "GEMINI", "GENERAL");
    private static final GitLabVersion DUO_SETTINGS = GitLabVersion.of("17.9");
    private static final GitLabVersion CONNECTION_CHECK = GitLabVersion.of("17.7");

    private final Environment environment;
    private final GitLabClient gitlab;
    private final Optional<AiGatewayClient> aiGateway;
    private final ModelServerClient modelServer;

    public GitLabConditions(Environment environment, GitLabClient gitlab, Optional<AiGatewayClient> aiGateway, ModelServerClient modelServer) {
        this.environment = environment;
        this.gitlab = gitlab;
        this.aiGateway = aiGateway;
        this.modelServer = modelServer;
    }

    // --- user-can-request-code-suggestions ---------------------------------------------------------------------

    /** A valid Premium/Ultimate license and an active GitLab Duo Enterprise add-on (read as the administrator). */
    public Condition entitlement() {
        Optional<String> unusable = unusable(Identity.ADMIN);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        Exchange license = gitlab.license();
        if (license.status() == 404) {
            return broken(Sections.USER_CAN_REQUEST, "license-invalid", license.request(), "an installed license", "no license (HTTP 404)");
        }
        if (license.status() != 200 || license.json().isEmpty()) {
            return Condition.unknown("the license could not be read: " + license.request() + " answered " + license.outcome());
        }
        JsonNode body = license.json().get();
        String plan = body.path("plan").asText("");
        if (body.path("expired").asBoolean(false)) {
            return broken(Sections.USER_CAN_REQUEST, "license-invalid", license.request(), "a license that has not expired (expired: false)",
                    "expired: true, expires_at " + body.path("expires_at").asText("?") + ", plan " + plan);
        }
        if (!Set.of("premium", "ultimate").contains(plan)) {
            return broken(Sections.USER_CAN_REQUEST, "license-invalid", license.request(), "plan premium or ultimate", "plan '" + plan + "'");
        }
        GraphQlAnswer purchases = gitlab.addOnPurchases();
        if (!purchases.answered() || !purchases.errors().isEmpty() || !purchases.data().path("addOnPurchases").isArray()) {
            return Condition.unknown("the add-ons could not be read: " + purchases.outcome());
        }
        if (duoEnterprisePurchase().isEmpty()) {
            List<String> names = new ArrayList<>();
            purchases.data().path("addOnPurchases").forEach(p -> names.add(p.path("name").asText()));
            return broken(Sections.USER_CAN_REQUEST, "no-add-on", "GraphQL addOnPurchases", "an add-on DUO_ENTERPRISE with purchased seats",
                    "add-ons: " + names);
        }
        return Condition.holds();
    }

    /** The user can request Code Suggestions: {@code currentUser.duoCodeSuggestionsAvailable}. */
    public Condition userAccess() {
        Optional<String> unusable = unusable(Identity.USER);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        GraphQlAnswer answer = gitlab.currentUser();
        JsonNode user = answer.data().path("currentUser");
        if (!answer.answered() || !user.isObject()) {
            return Condition.unknown("GraphQL currentUser came back " + (answer.answered() ? "null" : answer.outcome())
                    + " for gitlab.user_token: give the token the api (or read_api) scope");
        }
        if (user.path("duoCodeSuggestionsAvailable").asBoolean(false)) {
            return Condition.holds();
        }
        Optional<Condition> upstream = firstBroken(this::entitlement, this::seat, this::selfHostedConfiguration);
        if (upstream.isPresent()) {
            return upstream.get();
        }
        Exchange completion = gitlab.completion();
        if (completion.status() == 404 && completion.header(MONOLITH).isPresent()) {
            return refusedByGitLab(completion);
        }
        return broken(Sections.USER_CAN_REQUEST, "user-not-available", "GraphQL currentUser.duoCodeSuggestionsAvailable of '"
                + user.path("username").asText() + "'", "true", "false, although the license, add-on, seat and Code Suggestions settings are in order");
    }

    // --- code-suggestions-access-error ----------------------------------------------------------------------

    /** The user holds a GitLab Duo Enterprise seat. */
    public Condition seat() {
        Condition entitlement = entitlement();
        if (!(entitlement instanceof Condition.Holds)) {
            return entitlement;
        }
        Optional<String> unusable = unusable(Identity.USER);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        String username = gitlab.currentUser().data().path("currentUser").path("username").asText("");
        if (username.isEmpty()) {
            return Condition.unknown("GraphQL currentUser came back null for gitlab.user_token: give the token the api (or read_api) scope");
        }
        String purchase = duoEnterprisePurchase().orElseThrow().path("id").asText();
        GraphQlAnswer seats = gitlab.seatOf(username, List.of(purchase));
        JsonNode users = seats.data().path("selfManagedAddOnEligibleUsers").path("nodes");
        if (!seats.answered() || !seats.errors().isEmpty() || !users.isArray()) {
            return Condition.unknown("the seat assignments could not be read: " + seats.outcome());
        }
        Optional<JsonNode> user = stream(users).filter(u -> u.path("username").asText().equals(username)).findFirst();
        boolean seated = user.map(u -> stream(u.path("addOnAssignments").path("nodes"))
                .anyMatch(a -> "DUO_ENTERPRISE".equals(a.path("addOnPurchase").path("name").asText()))).orElse(false);
        if (!seated) {
            return broken(Sections.ACCESS_ERROR, "no-seat", "GraphQL selfManagedAddOnEligibleUsers(DUO_ENTERPRISE) for '" + username + "'",
                    "an assignment of the DUO_ENTERPRISE add-on", user.isEmpty() ? "the user is not eligible for a seat" : "no assignment");
        }
        return Condition.holds();
    }

    // --- instance-uses-self-hosted-models, feature-not-accessible -------------------------------------------

    /** Each model of the environment file exists in GitLab as configured, and Code Suggestions and generation use them. */
    public Condition selfHostedConfiguration() {
        Optional<String> unusable = unusable(Identity.ADMIN);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        GraphQlAnswer models = gitlab.selfHostedModels();
        GraphQlAnswer features = gitlab.featureSettings();
        Optional<Condition> unreadable = unreadable(models, "aiSelfHostedModels").or(() -> unreadable(features, "aiFeatureSettings"));
        if (unreadable.isPresent()) {
            return unreadable.get();
        }
        List<JsonNode> stored = stream(models.data().path("aiSelfHostedModels").path("nodes")).toList();
        for (Environment.Model model : environment.models()) {
            Optional<JsonNode> match = stored.stream().filter(m -> m.path("name").asText().equals(model.name())).findFirst();
            String expected = describe(model.name(), model.endpoint().map(URI::toString).orElse(null), model.identifier().orElse(null));
            if (match.isEmpty()) {
                return broken(Sections.SELF_HOSTED_MODELS, "model-missing", "GraphQL aiSelfHostedModels", "a model " + expected,
                        stored.isEmpty() ? "no self-hosted model" : stored.stream().map(GitLabConditions::describe).collect(Collectors.joining("; ")));
            }
            JsonNode found = match.get();
            if (!sameUrl(model.endpoint().map(URI::toString).orElse(null), text(found, "endpoint"))
                    || !model.identifier().orElse("").equals(text(found, "identifier") == null ? "" : text(found, "identifier"))) {
                return broken(Sections.SELF_HOSTED_MODELS, "model-differs", "GraphQL aiSelfHostedModels", expected, describe(found));
            }
            // GitLab's connection check tests the values the suite sends, never the stored row (connection_check.rb build_model):
            // what GitLab really uses is compared here.
            String storedFamily = text(found, "model");
            if (storedFamily != null && !storedFamily.equalsIgnoreCase(model.family())) {
                return broken(Sections.SELF_HOSTED_MODELS, "model-family-differs", "GraphQL aiSelfHostedModels",
                        "'" + model.name() + "' with model family " + model.family() + " (models[].family)",
                        "'" + model.name() + "' stored with model family " + storedFamily);
            }
            if (model.apiKey().isPresent() && found.path("hasApiToken").isBoolean() && !found.path("hasApiToken").asBoolean()) {
                return broken(Sections.SELF_HOSTED_MODELS, "api-key-missing", "GraphQL aiSelfHostedModels.hasApiToken of '" + model.name() + "'",
                        "true: GitLab sends the model server's API key (models[].api_key is set)",
                        "false: GitLab stores no API key for this model, so it calls the model server without one");
            }
        }
        List<JsonNode> settings = stream(features.data().path("aiFeatureSettings").path("nodes")).toList();
        for (String feature : List.of("code_completions", "code_generations")) {
            Optional<String> servedBy = environment.models().stream().filter(m -> m.features().contains(feature)).map(Environment.Model::name).findFirst();
            Condition condition = featureUsesSelfHostedModel(Sections.SELF_HOSTED_MODELS, settings, feature, servedBy);
            if (condition.isBroken()) {
                return condition;
            }
        }
        return Condition.holds();
    }

    /**
     * Every feature the environment file lists is offered and assigned to its self-hosted model; Code Suggestions' two
     * features are verified by {@link #selfHostedConfiguration()}. A feature GitLab does not list is explained by why
     * GitLab hides it ({@link DuoFeatures}).
     */
    public Condition featuresAccessible() {
        Condition configuration = selfHostedConfiguration();
        if (!(configuration instanceof Condition.Holds)) {
            return configuration;
        }
        List<JsonNode> settings = stream(gitlab.featureSettings().data().path("aiFeatureSettings").path("nodes")).toList();
        List<String> verifiedByConfiguration = new ArrayList<>();
        for (Environment.Model model : environment.models()) {
            for (String feature : model.features()) {
                if (SUGGESTION_FEATURES.contains(feature)) {
                    verifiedByConfiguration.add(feature);
                    continue;
                }
                if (settings.stream().noneMatch(s -> s.path("feature").asText().equals(feature))) {
                    String cause = DuoFeatures.causeWhenUnlisted(feature, licensePlan());
                    return broken(Sections.FEATURE_NOT_ACCESSIBLE, cause, "GraphQL aiFeatureSettings",
                            "the feature '" + feature + "' offered for self-hosted models", DuoFeatures.whyUnlisted(feature, cause));
                }
                Condition condition = featureUsesSelfHostedModel(Sections.FEATURE_NOT_ACCESSIBLE, settings, feature, Optional.of(model.name()));
                if (condition.isBroken()) {
                    return condition;
                }
            }
        }
        if (environment.models().stream().allMatch(m -> m.features().isEmpty())) {
            return Condition.unknown("no feature is listed under models[].features in the environment file");
        }
        return verifiedByConfiguration.isEmpty() ? Condition.holds() : Condition.holdsBecause(String.join(", ", verifiedByConfiguration)
                + ": verified by instance-uses-self-hosted-models");
    }

    private Optional<String> licensePlan() {
        Exchange license = gitlab.license();
        return license.status() == 200 ? license.json().map(j -> j.path("plan").asText(null)) : Optional.empty();
    }

    // --- ai-gateway-url -------------------------------------------------------------------------------------

    /** GitLab's AI gateway URL ({@code duoSettings.aiGatewayUrl}, 17.9+) is the environment's expected URL. */
    public Condition gatewayUrl() {
        Optional<GitLabVersion> version = gitlab.instanceVersion();
        if (version.isPresent() && version.get().isBefore(DUO_SETTINGS)) {
            return Condition.unknown("duoSettings exists from GitLab 17.9; this instance is " + version.get() + ", which reads the URL from "
                    + "its AI_GATEWAY_URL environment variable, visible only in the Rails console");
        }
        Optional<String> unusable = unusable(Identity.ADMIN);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        Optional<URI> expected = environment.aiGateway().map(Environment.AiGateway::expectedUrl);
        if (expected.isEmpty()) {
            return Condition.unknown("ai_gateway.expected_url is not set in the environment file, so there is nothing to compare with");
        }
        GraphQlAnswer answer = gitlab.gatewayUrl();
        if (!answer.answered() || answer.undefinedField().isPresent() || !answer.data().path("duoSettings").isObject()) {
            return Condition.unknown("duoSettings could not be read: " + answer.outcome());
        }
        JsonNode url = answer.data().path("duoSettings").path("aiGatewayUrl");
        String checked = "GraphQL duoSettings.aiGatewayUrl";
        if (url.isNull() || url.asText().isBlank()) {
            Condition entitlement = entitlement();
            // GitLab hides the setting (null) from callers without self-hosted model rights; that is not "unset".
            return entitlement.isBroken() ? entitlement : broken(Sections.AIGW_URL, "unset", checked, expected.get().toString(), "null (not set)");
        }
        String value = url.asText();
        if (!value.matches("(?i)https?://.+")) {
            return broken(Sections.AIGW_URL, "not-http", checked, "an http(s) URL: " + expected.get(), value);
        }
        if (!sameUrl(value, expected.get().toString())) {
            return broken(Sections.AIGW_URL, "wrong", checked, expected.get().toString() + " (ai_gateway.expected_url)", value);
        }
        return Condition.holds();
    }

    // --- gitlab-can-reach-ai-gateway --------------------------------------------------------------------------

    /**
     * GitLab's health check reaches the AI gateway's host: the {@code host_probe} that names that host (every host check
     * is a {@code host_probe}; a hybrid setup's cloud probes say nothing about the gateway, see {@link HealthProbes}).
     */
    public Condition hostProbe() {
        Optional<Condition> gatewayDown = gatewayKnownDown();
        if (gatewayDown.isPresent()) {
            return gatewayDown.get(); // GitLab's probe would wait for it too (a HEAD with a 5 s timeout)
        }
        Optional<JsonNode> status = healthStatus();
        if (status.isEmpty()) {
            return Condition.unknown(healthUnreadable());
        }
        String url = gatewayUrlGitLabProbes();
        String host = hostOf(url);
        List<HealthProbes.Probe> gatewayProbes = HealthProbes.targeting(HealthProbes.of(status.get()), HealthProbes.Target.AI_GATEWAY_HOST, host, url);
        if (gatewayProbes.isEmpty()) {
            return firstBroken(this::gatewayUrl, this::aiGatewayServes).orElseGet(() -> Condition.unknown("GitLab's health check ran no probe "
                    + "of the AI gateway's host " + host + ": " + describeProbes(status.get()) + " — GitLab runs the self-hosted probes only "
                    + "when its AI gateway URL is set (an older GitLab or license may run only the cloud probes)"));
        }
        if (gatewayProbes.stream().allMatch(HealthProbes.Probe::success)) {
            return Condition.holds();
        }
        return firstBroken(this::gatewayUrl, this::aiGatewayServes).orElseGet(() -> broken(Sections.GITLAB_REACHES_AIGW, "unreachable",
                "GraphQL cloudConnectorStatus (GitLab Duo health check)", "the host_probe of " + host + " succeeds: GitLab reaches the AI gateway's host",
                gatewayProbes.stream().map(HealthProbes.Probe::describe).collect(Collectors.joining("; "))));
    }

    /** The AI gateway URL GitLab's probes use: its setting when readable (17.9+), else the environment's expected URL. */
    private String gatewayUrlGitLabProbes() {
        if (unusable(Identity.ADMIN).isEmpty()) {
            JsonNode configured = gitlab.gatewayUrl().data().path("duoSettings").path("aiGatewayUrl");
            if (configured.isTextual() && !configured.asText().isBlank()) {
                return configured.asText();
            }
        }
        return environment.aiGateway().map(g -> g.expectedUrl().toString()).orElse("");
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** {@code direct_access} returns 201: GitLab → AI gateway → GitLab's JWKS works both ways. */
    public Condition directAccess() {
        Optional<String> unusable = unusable(Identity.USER);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        Optional<Condition> gatewayDown = gatewayKnownDown();
        if (gatewayDown.isPresent()) {
            return gatewayDown.get();
        }
        Exchange access = gitlab.directAccess();
        if (!access.answered()) {
            return Condition.unknown("GitLab did not answer " + access.request() + ": " + access.outcome());
        }
        if (access.status() == 201) {
            return Condition.holds();
        }
        Optional<String> rateLimited = RateLimits.rateLimited(access, RateLimits.DIRECT_ACCESS);
        if (rateLimited.isPresent()) {
            return Condition.unknown(rateLimited.get());
        }
        if (DirectAccess.connectionsDisabled(access)) {
            return routeProvedByCompletion();
        }
        if (access.header(MONOLITH).isPresent()) {
            return refusedByGitLab(access);
        }
        return firstBroken(this::gatewayUrl, this::aiGatewayServes, this::hostProbe).orElseGet(() -> broken(Sections.GITLAB_REACHES_AIGW,
                "direct-access-failed", access.request(), "HTTP 201 {\"token\":…,\"headers\":…}", access.outcome()));
    }

    /**
     * With indirect connections chosen, direct_access is refused by design; a Code Suggestions completion goes the same
     * way, GitLab → AI gateway, so it proves the route instead.
     */
    private Condition routeProvedByCompletion() {
        String disabled = "direct connections are disabled on this instance (indirect connections chosen)";
        Condition completion = completion();
        if (completion instanceof Condition.Unknown unknown) {
            return Condition.unknown(disabled + ", and the completion that would prove the route instead could not be judged: " + unknown.reason());
        }
        return completion.isBroken() ? completion : Condition.holdsBecause(disabled + ", so GitLab's reach to the AI gateway was proved by a "
                + "Code Suggestions completion through GitLab instead (" + gitlab.completion().request() + " → 200)");
    }

    // --- gitlab-can-request-model -----------------------------------------------------------------------------

    /** A Code Suggestions completion through GitLab returns text: GitLab → AI gateway → model. */
    public Condition completion() {
        Optional<String> unusable = unusable(Identity.USER);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        Optional<Condition> gatewayDown = gatewayKnownDown();
        if (gatewayDown.isPresent()) {
            return gatewayDown.get();
        }
        Exchange completion = gitlab.completion();
        String expected = "HTTP 200 with a non-empty choices[0].text";
        if (!completion.answered()) {
            return Condition.unknown("GitLab did not answer " + completion.request() + ": " + completion.outcome());
        }
        Optional<String> rateLimited = RateLimits.completionRateLimited(completion);
        if (rateLimited.isPresent()) {
            return Condition.unknown(rateLimited.get());
        }
        if (completion.header(MONOLITH).isPresent()) {
            return refusedByGitLab(completion);
        }
        if (completion.status() == 200) {
            String text = completion.json().map(j -> j.path("choices").path(0).path("text").asText("")).orElse("");
            return text.isBlank() ? broken(Sections.GITLAB_REQUESTS_MODEL, "empty-suggestion", completion.request(), expected, completion.outcome())
                    : Condition.holds();
        }
        List<Supplier<Condition>> upstream = new ArrayList<>(List.of(this::gatewayUrl, this::selfHostedConfiguration, this::aiGatewayServes,
                this::hostProbe));
        if (!DirectAccess.connectionsDisabled(gitlab.directAccess())) {
            upstream.add(this::directAccess); // with indirect connections, direct_access is proved by this very completion
        }
        completionModel().ifPresent(model -> {
            upstream.add(() -> ModelConditions.modelAnswers(model, modelServer));
            upstream.add(() -> connectionCheck(model));
        });
        return firstBroken(upstream).orElseGet(() -> broken(Sections.GITLAB_REQUESTS_MODEL, "ai-gateway-path", completion.request(), expected,
                completion.outcome() + " (without X-GitLab-Error-Origin: the answer came from the AI gateway or the path to it)"));
    }

    // --- ai-gateway-can-request-model (through GitLab) --------------------------------------------------------

    /** GitLab's {@code aiSelfHostedModelConnectionCheck} for a model of the environment file succeeds. */
    public Condition connectionCheck(Environment.Model model) {
        String family = model.family().toUpperCase(Locale.ROOT);
        if (!ACCEPTED_FAMILIES.contains(family)) {
            return broken(Sections.AIGW_REQUESTS_MODEL, "invalid-model", "model family of '" + model.name() + "'",
                    "one of " + ACCEPTED_FAMILIES.stream().map(f -> f.toLowerCase(Locale.ROOT)).sorted().toList(), model.family());
        }
        Optional<GitLabVersion> version = gitlab.instanceVersion();
        if (version.isPresent() && version.get().isBefore(CONNECTION_CHECK)) {
            return Condition.unknown("aiSelfHostedModelConnectionCheck exists from GitLab 17.7; this instance is " + version.get());
        }
        Optional<String> unusable = unusable(Identity.ADMIN);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        Optional<Condition> gatewayDown = gatewayKnownDown();
        if (gatewayDown.isPresent()) {
            return gatewayDown.get();
        }
        GraphQlAnswer answer = gitlab.connectionCheck(model, family);
        JsonNode result = answer.data().path("aiSelfHostedModelConnectionCheck").path("result");
        if (answer.notPermitted()) {
            Condition entitlement = entitlement();
            return entitlement.isBroken() ? entitlement : Condition.unknown("GitLab refused the connection check: " + answer.outcome());
        }
        if (!answer.answered() || !result.isObject()) {
            return Condition.unknown("the connection check could not run: " + answer.outcome());
        }
        if (result.path("success").asBoolean(false)) {
            return Condition.holds();
        }
        String message = result.path("message").asText();
        String checked = "GraphQL aiSelfHostedModelConnectionCheck for '" + model.name() + "'";
        String expected = "success: true (\"Successfully connected to the self-hosted model\")";
        Optional<Condition> upstream = firstBroken(this::gatewayUrl, this::aiGatewayServes, this::hostProbe, this::directAccess);
        if (upstream.isPresent()) {
            return upstream.get();
        }
        if (message.contains("returned code 422")) {
            return broken(Sections.AIGW_REQUESTS_MODEL, "invalid-model", checked, expected, message);
        }
        Condition modelAnswers = ModelConditions.modelAnswers(model, modelServer);
        if (modelAnswers.isBroken()) {
            return modelAnswers;
        }
        if (ConnectionCheckTimeout.isTimeout(message) && model.hasOpenAiCompatibleEndpoint()) {
            java.time.Duration measured = modelServer.chatCompletion(model).elapsed();
            return broken(Sections.AIGW_REQUESTS_MODEL, ConnectionCheckTimeout.modelSlowerThanLimit(measured) ? "slower-than-gitlab-timeout"
                    : "model-call-failed", checked, expected, ConnectionCheckTimeout.explain(message, measured));
        }
        boolean gatewayFailed = message.contains("AI Gateway returned code") || message.contains("Unknown error")
                || message.contains("could not connect to the model");
        return broken(Sections.AIGW_REQUESTS_MODEL, gatewayFailed ? "model-call-failed" : "connection-check-failed", checked, expected,
                "success: false, \"" + message + "\"" + (model.hasOpenAiCompatibleEndpoint()
                        ? " — while the model server answers this runner directly" : ""));
    }

    // --- duo-health-check --------------------------------------------------------------------------------------

    /** GitLab's Duo health check passes; a 401 from the AI gateway there is cross-checked with a real request. */
    public Condition healthCheck() {
        Optional<Condition> gatewayDown = gatewayKnownDown();
        if (gatewayDown.isPresent()) {
            return gatewayDown.get();
        }
        Optional<JsonNode> status = healthStatus();
        if (status.isEmpty()) {
            return Condition.unknown(healthUnreadable());
        }
        if (status.get().path("success").asBoolean(false)) {
            return Condition.holds();
        }
        String checked = "GraphQL cloudConnectorStatus (GitLab Duo health check)";
        String probes = describeProbes(status.get());
        List<JsonNode> failed = stream(status.get().path("probeResults")).filter(p -> !p.path("success").asBoolean(false)).toList();
        if (failed.stream().anyMatch(p -> p.path("message").asText().contains("401"))) {
            Condition realRequest = completion();
            if (realRequest.isBroken()) {
                return realRequest;
            }
            String crossCheck = realRequest instanceof Condition.Unknown unknown
                    ? "; a real Code Suggestions request could not be sent to cross-check (" + unknown.reason() + ")"
                    : "; yet a real Code Suggestions request through GitLab returned a suggestion";
            return broken(Sections.HEALTH_CHECK, "known-issue-401", checked, "success: true", probes + crossCheck);
        }
        String url = gatewayUrlGitLabProbes();
        List<HealthProbes.Probe> cloudFailures = new ArrayList<>();
        boolean adminWithoutSeat = false;
        for (JsonNode node : failed) {
            HealthProbes.Probe probe = HealthProbes.Probe.of(node);
            Condition owner = switch (HealthProbes.target(probe, hostOf(url), url)) {
                case AI_GATEWAY_HOST -> hostProbe();
                case AI_GATEWAY_URL -> gatewayUrl();
                case CODE_SUGGESTIONS_LICENSE -> HealthProbes.judgesTheCallerWithoutSeat(probe)
                        ? firstBroken(this::entitlement, this::userAccess).orElseGet(Condition::holds) : entitlement();
                case AGENT_PLATFORM -> agentPlatformAuthToken();
                case CLOUD -> firstBroken(this::gatewayUrl, this::selfHostedConfiguration).orElseGet(Condition::holds);
                case OTHER -> Condition.holds();
            };
            if (owner.isBroken()) {
                return owner;
            }
            adminWithoutSeat |= HealthProbes.judgesTheCallerWithoutSeat(probe);
            if (HealthProbes.target(probe, hostOf(url), url) == HealthProbes.Target.CLOUD) {
                cloudFailures.add(probe);
            }
        }
        Optional<Condition> urlBroken = firstBroken(this::gatewayUrl);
        if (urlBroken.isPresent()) {
            return urlBroken.get();
        }
        if (!cloudFailures.isEmpty()) {
            return broken(Sections.HEALTH_CHECK, "cloud-probe-failed", checked, "the hosts GitLab's vendored features need "
                    + "(customers.gitlab.com, cloud.gitlab.com) reachable", cloudFailures.stream().map(HealthProbes.Probe::describe)
                    .collect(Collectors.joining("; ")) + "; GitLab runs these cloud probes because a feature uses a GitLab AI vendor model (hybrid)");
        }
        if (adminWithoutSeat && failed.size() == 1) {
            String admin = gitlab.adminUsername().map(u -> "'" + u + "' ").orElse("");
            return Condition.unknown("the health check's license probe judges the user who runs it — the administrator " + admin
                    + "of gitlab.admin_token, who holds no GitLab Duo seat (\"" + failed.get(0).path("message").asText() + "\"); every other "
                    + "probe passed, and the Duo user's own access is checked by user-can-request-code-suggestions. Assign the administrator "
                    + "a seat to see the health check pass.");
        }
        return broken(Sections.HEALTH_CHECK, "probe-failed", checked, "success: true", probes);
    }

    // --- agent-platform-service-url, agent-platform-auth-token ------------------------------------------------

    /** GitLab's Agent Platform service URL, when set, is {@code host:port} without a scheme (18.4+); unknown when unset. */
    public Condition agentPlatformUrl() {
        Optional<String> unusable = unusable(Identity.ADMIN);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        GraphQlAnswer answer = gitlab.agentPlatformUrl();
        if (!answer.answered() || !answer.data().path("duoSettings").isObject()) {
            return Condition.unknown("duoSettings could not be read: " + answer.outcome());
        }
        JsonNode url = answer.data().path("duoSettings").path("duoAgentPlatformServiceUrl");
        if (url.isNull() || url.asText().isBlank()) {
            Condition entitlement = entitlement();
            return entitlement.isBroken() ? entitlement : Condition.unknown("no Agent Platform service URL is configured in GitLab (it is "
                    + "optional: set it only to run the Agent Platform self-hosted)");
        }
        if (url.asText().matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
            return broken(Sections.AGENT_PLATFORM_URL, "has-scheme", "GraphQL duoSettings.duoAgentPlatformServiceUrl",
                    "{host}:{port}, such as aigw.example.com:50052", url.asText());
        }
        return Condition.holds();
    }

    /**
     * GitLab reaches the Agent Platform service over gRPC with the right transport security: {@code GET
     * /api/v4/ai/duo_workflows/list_tools} (read-only) makes GitLab call the service and answers its gRPC error as
     * {@code 400 {"message":"400 Bad request - <error>"}} (ee/lib/api/ai/duo_workflows/workflows.rb).
     */
    public Condition agentPlatformAuthToken() {
        Optional<String> unusable = unusable(Identity.USER);
        if (unusable.isPresent()) {
            return Condition.unknown(unusable.get());
        }
        if (gitlab.has(Identity.ADMIN)) {
            Condition url = agentPlatformUrl();
            if (!(url instanceof Condition.Holds)) {
                return url;
            }
        }
        Exchange tools = gitlab.listTools();
        if (!tools.answered()) {
            return Condition.unknown("GitLab did not answer " + tools.request() + ": " + tools.outcome());
        }
        if (tools.status() == 200) {
            return Condition.holds();
        }
        Optional<String> rateLimited = RateLimits.rateLimited(tools, RateLimits.DUO_WORKFLOW);
        if (rateLimited.isPresent()) {
            return Condition.unknown(rateLimited.get());
        }
        String message = tools.json().map(j -> j.path("message").asText("")).orElse("");
        if (tools.status() != 400 || message.isBlank()) {
            return Condition.unknown(tools.request() + " answered " + tools.outcome() + ", which says nothing about GitLab's channel to the service");
        }
        String checked = tools.request() + " (GitLab → Agent Platform service over gRPC)";
        String expected = "HTTP 200 {\"tools\":…}";
        if (message.matches("(?is).*(WRONG_VERSION_NUMBER|Ssl handshake failed|TSI_PROTOCOL_FAILURE).*")) {
            return broken(Sections.AGENT_PLATFORM_AUTH_TOKEN, "secure-without-tls", checked, expected, tools.outcome()
                    + ": GitLab speaks TLS (DUO_AGENT_PLATFORM_SERVICE_SECURE unset = true) to a service without TLS");
        }
        if (message.matches("(?is).*(CERTIFICATE_VERIFY_FAILED|certificate verify failed|self.signed).*")) {
            return broken(Sections.AGENT_PLATFORM_AUTH_TOKEN, "certificate-not-trusted", checked, expected, tools.outcome());
        }
        return broken(Sections.AGENT_PLATFORM_AUTH_TOKEN, "service-unreachable", checked, expected, tools.outcome());
    }

    // --- shared -----------------------------------------------------------------------------------------------

    /**
     * The AI gateway already failed its own health check from this runner: a request that GitLab would pass on to it
     * is not sent (a silent gateway would cost one more timeout per request), and the section is blocked by the owner.
     */
    private Optional<Condition> gatewayKnownDown() {
        return firstBroken(this::aiGatewayServes);
    }

    /** The AI gateway answers its own health check from this runner (a TLS failure belongs to ai-gateway-tls). */
    public Condition aiGatewayServes() {
        if (aiGateway.isEmpty()) {
            return Condition.unknown("ai_gateway.url is not set, so this runner cannot ask the AI gateway itself");
        }
        Exchange health = aiGateway.get().health();
        if (health.failedWith(TransportError.Kind.TLS)) {
            return Condition.broken(new Failure(Sections.TLS, "untrusted-certificate", health.request(), "a trusted certificate", health.outcome()));
        }
        if (!AiGatewayClient.serves(health)) {
            return broken(Sections.AIGW_PROCESSES_REQUESTS, "unhealthy", health.request(), "HTTP 200 {}", health.outcome());
        }
        return Condition.holds();
    }

    /** A refusal GitLab itself answered ({@code X-GitLab-Error-Origin: monolith}) to a Code Suggestions request. */
    private Condition refusedByGitLab(Exchange exchange) {
        String butWas = exchange.outcome() + " with X-GitLab-Error-Origin: " + exchange.header(MONOLITH).orElse("");
        if (exchange.status() == 404) {
            return broken(Sections.GITLAB_REQUESTS_MODEL, "code-suggestions-switched-off", exchange.request(),
                    "Code Suggestions switched on (ops flag ai_duo_code_suggestions_switch)", butWas);
        }
        return firstBroken(this::selfHostedConfiguration, this::userAccess).orElseGet(() -> broken(Sections.GITLAB_REQUESTS_MODEL,
                "user-has-no-access", exchange.request(), "HTTP 200: GitLab lets the user request Code Suggestions", butWas));
    }

    private Optional<JsonNode> healthStatus() {
        if (unusable(Identity.ADMIN).isPresent()) {
            return Optional.empty();
        }
        JsonNode status = gitlab.healthCheck().data().path("cloudConnectorStatus");
        return status.isObject() ? Optional.of(status) : Optional.empty();
    }

    private String healthUnreadable() {
        return unusable(Identity.ADMIN).orElseGet(() -> "the GitLab Duo health check could not be read: " + gitlab.healthCheck().outcome());
    }

    private Optional<Condition> unreadable(GraphQlAnswer answer, String field) {
        if (answer.undefinedField().isPresent()) {
            return Optional.of(Condition.unknown("this GitLab has no " + answer.undefinedField().get() + " (" + answer.outcome() + ")"));
        }
        if (!answer.answered()) {
            return Optional.of(Condition.unknown(field + " could not be read: " + answer.outcome()));
        }
        if (!answer.data().path(field).isObject()) {
            Condition entitlement = entitlement();
            // GitLab answers null to a caller without self-hosted model rights: an unlicensed instance, not an empty list.
            return Optional.of(entitlement.isBroken() ? entitlement : Condition.unknown(field + " came back null although the administrator "
                    + "token, license and add-on are in order (" + answer.outcome() + ")"));
        }
        return Optional.empty();
    }

    private Condition featureUsesSelfHostedModel(String section, List<JsonNode> settings, String feature, Optional<String> servedBy) {
        Optional<JsonNode> setting = settings.stream().filter(s -> s.path("feature").asText().equals(feature)).findFirst();
        String provider = setting.map(s -> s.path("provider").asText()).orElse("(not listed)");
        JsonNode model = setting.map(s -> s.path("selfHostedModel")).orElse(null);
        String modelName = model == null || !model.isObject() ? null : model.path("name").asText();
        String expected = feature + ": provider self_hosted with " + servedBy.map(n -> "the model '" + n + "'").orElse("a self-hosted model");
        String actual = feature + ": provider " + provider + (modelName == null ? ", no model" : ", model '" + modelName + "'");
        if (!"self_hosted".equals(provider) || modelName == null || servedBy.filter(n -> !n.equals(modelName)).isPresent()) {
            return broken(section, "feature-not-self-hosted", "GraphQL aiFeatureSettings", expected, actual);
        }
        return Condition.holds();
    }

    private Optional<Environment.Model> completionModel() {
        return environment.models().stream().filter(m -> m.features().contains("code_completions")).findFirst();
    }

    private Optional<JsonNode> duoEnterprisePurchase() {
        return stream(gitlab.addOnPurchases().data().path("addOnPurchases"))
                .filter(p -> "DUO_ENTERPRISE".equals(p.path("name").asText()) && p.path("purchasedQuantity").asInt(0) > 0).findFirst();
    }

    private Optional<String> unusable(Identity identity) {
        if (!gitlab.has(identity)) {
            return Optional.of(identity.key() + " is not set; it would be " + identity.description());
        }
        return gitlab.identityProblem(identity);
    }

    @SafeVarargs
    private static Optional<Condition> firstBroken(Supplier<Condition>... conditions) {
        return firstBroken(List.of(conditions));
    }

    private static Optional<Condition> firstBroken(List<Supplier<Condition>> conditions) {
        return conditions.stream().map(Supplier::get).filter(Condition::isBroken).findFirst();
    }

    private static Condition broken(String section, String cause, String checked, String expected, String butWas) {
        return Condition.broken(new Failure(section, cause, checked, expected, butWas));
    }

    public static String describeProbes(JsonNode status) {
        return stream(status.path("probeResults")).map(p -> p.path("name").asText() + " " + (p.path("success").asBoolean() ? "✔" : "✗")
                + " \"" + p.path("message").asText().replaceAll("\\s+", " ").strip() + "\"").collect(Collectors.joining("; "));
    }

    private static String describe(String name, String endpoint, String identifier) {
        return "'" + name + "' (endpoint " + (endpoint == null ? "none" : endpoint) + ", identifier " + (identifier == null ? "none" : identifier) + ")";
    }

    private static String describe(JsonNode model) {
        return describe(model.path("name").asText(), text(model, "endpoint"), text(model, "identifier"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static boolean sameUrl(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        return a.replaceAll("/+$", "").equalsIgnoreCase(b.replaceAll("/+$", ""));
    }

    public static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
