package dev.duoconformance.rules.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.aigw.AiGatewayCanProcessRequests;
import dev.duoconformance.rules.model.ModelAnswers;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

/** Section user-can-request-code-suggestions: a valid license with the Duo Enterprise add-on, and the user may request Code Suggestions. */
public final class UserCanRequestCodeSuggestions implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.USER_CAN_REQUEST, Sections.GITLAB_REACHABLE, Sections.ACCESS_ERROR,
            Sections.SELF_HOSTED_MODELS, Sections.GITLAB_REQUESTS_MODEL);

    private final Rules rules;
    private final Environment environment;
    private final GitLabClient gitlab;
    private final GitLabUpstream upstream;

    public UserCanRequestCodeSuggestions(Rules rules, Environment environment, GitLabClient gitlab) {
        this.rules = rules;
        this.environment = environment;
        this.gitlab = gitlab;
        this.upstream = new GitLabUpstream(rules);
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    /** A valid Premium/Ultimate license and an active GitLab Duo Enterprise add-on (read as the administrator). */
    public Condition entitlement() {
        return rules.once(this, "entitlement", () -> entitlementNow());
    }

    private Condition entitlementNow() {
        Optional<String> unusable = unusable(gitlab, Identity.ADMIN);
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
        if (duoEnterprisePurchase(gitlab).isEmpty()) {
            List<String> names = new ArrayList<>();
            purchases.data().path("addOnPurchases").forEach(p -> names.add(p.path("name").asText()));
            return broken(Sections.USER_CAN_REQUEST, "no-add-on", "GraphQL addOnPurchases", "an add-on DUO_ENTERPRISE with purchased seats",
                    "add-ons: " + names);
        }
        return Condition.holds();
    }

    /** The user can request Code Suggestions: {@code currentUser.duoCodeSuggestionsAvailable}. */
    public Condition userAccess() {
        return rules.once(this, "userAccess", () -> userAccessNow());
    }

    private Condition userAccessNow() {
        Optional<String> unusable = unusable(gitlab, Identity.USER);
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
        Optional<Condition> rootCause = rules.firstBroken(this, this::entitlement, upstream::seat, upstream::selfHostedConfiguration);
        if (rootCause.isPresent()) {
            return rootCause.get();
        }
        Exchange completion = gitlab.completion();
        if (completion.status() == 404 && completion.header(MONOLITH).isPresent()) {
            return upstream.refusedByGitLab(completion);
        }
        return broken(Sections.USER_CAN_REQUEST, "user-not-available", "GraphQL currentUser.duoCodeSuggestionsAvailable of '"
                + user.path("username").asText() + "'", "true", "false, although the license, add-on, seat and Code Suggestions settings are in order");
    }
}
