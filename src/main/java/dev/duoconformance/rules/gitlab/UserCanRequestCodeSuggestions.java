package dev.duoconformance.rules.gitlab;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Section user-can-request-code-suggestions: a valid license with the Duo Enterprise add-on, and the user may request Code Suggestions. */
public final class UserCanRequestCodeSuggestions {
    /** A valid Premium/Ultimate license and an active GitLab Duo Enterprise add-on (read as the administrator). */
    public static final Check<UserCanRequestCodeSuggestions> ENTITLEMENT = Check.of(
            "licenseAndAddOnAreInPlace",
            "The license is valid and the instance has a GitLab Duo Enterprise add-on",
            Gate.gitlab("GET /api/v4/license and addOnPurchases", Identity.ADMIN),
            UserCanRequestCodeSuggestions::entitlement);
    /** The user can request Code Suggestions: {@code currentUser.duoCodeSuggestionsAvailable}. */
    public static final Check<UserCanRequestCodeSuggestions> USER_ACCESS = Check.of(
            "userHasAccess",
            "GitLab lets the user request Code Suggestions (currentUser.duoCodeSuggestionsAvailable)",
            Gate.gitlab("currentUser.duoCodeSuggestionsAvailable", Identity.USER),
            UserCanRequestCodeSuggestions::userAccess);

    public static final Declaration<UserCanRequestCodeSuggestions> SECTION = Declaration.of(
                    Sections.USER_CAN_REQUEST, UserCanRequestCodeSuggestions::new)
            .dependsOn(
                    Sections.GITLAB_REACHABLE,
                    Sections.ACCESS_ERROR,
                    Sections.SELF_HOSTED_MODELS,
                    Sections.GITLAB_REQUESTS_MODEL)
            .checks(ENTITLEMENT, USER_ACCESS);

    private final Probes probes;
    private final GitLabClient gitlab;

    private UserCanRequestCodeSuggestions(Probes probes) {
        this.probes = probes;
        this.gitlab = probes.gitlab();
    }

    private Condition entitlement() {
        Exchange license = gitlab.license();
        if (license.status() == 404) {
            return broken(
                    Sections.USER_CAN_REQUEST,
                    "license-invalid",
                    license.request(),
                    "an installed license",
                    "no license (HTTP 404)");
        }
        if (license.status() != 200 || license.json().isEmpty()) {
            return Condition.unknown(
                    "the license could not be read: " + license.request() + " answered " + license.outcome());
        }
        JsonNode body = license.json().get();
        String plan = body.path("plan").asText("");
        if (body.path("expired").asBoolean(false)) {
            return broken(
                    Sections.USER_CAN_REQUEST,
                    "license-invalid",
                    license.request(),
                    "a license that has not expired (expired: false)",
                    "expired: true, expires_at " + body.path("expires_at").asText("?") + ", plan " + plan);
        }
        if (!Set.of("premium", "ultimate").contains(plan)) {
            return broken(
                    Sections.USER_CAN_REQUEST,
                    "license-invalid",
                    license.request(),
                    "plan premium or ultimate",
                    "plan '" + plan + "'");
        }
        GraphQlAnswer purchases = gitlab.addOnPurchases();
        if (!purchases.answered()
                || !purchases.errors().isEmpty()
                || !purchases.data().path("addOnPurchases").isArray()) {
            return Condition.unknown("the add-ons could not be read: " + purchases.outcome());
        }
        if (duoEnterprisePurchase(gitlab).isEmpty()) {
            List<String> names = new ArrayList<>();
            purchases
                    .data()
                    .path("addOnPurchases")
                    .forEach(p -> names.add(p.path("name").asText()));
            return broken(
                    Sections.USER_CAN_REQUEST,
                    "no-add-on",
                    "GraphQL addOnPurchases",
                    "an add-on DUO_ENTERPRISE with purchased seats",
                    "add-ons: " + names);
        }
        return Condition.holds();
    }

    private Condition userAccess() {
        GraphQlAnswer answer = gitlab.currentUser();
        JsonNode user = answer.data().path("currentUser");
        if (!answer.answered() || !user.isObject()) {
            return Condition.unknown("GraphQL currentUser came back " + (answer.answered() ? "null" : answer.outcome())
                    + " for gitlab.user_token: give the token the api (or read_api) scope");
        }
        if (user.path("duoCodeSuggestionsAvailable").asBoolean(false)) {
            return Condition.holds();
        }
        Optional<Condition> rootCause = probes.firstBroken(
                () -> probes.outcome(ENTITLEMENT),
                () -> probes.outcome(CodeSuggestionsAccessError.SEAT),
                () -> probes.outcome(InstanceUsesSelfHostedModels.SELF_HOSTED_CONFIGURATION));
        if (rootCause.isPresent()) {
            return rootCause.get();
        }
        Exchange completion = gitlab.completion();
        if (completion.status() == 404 && completion.header(MONOLITH).isPresent()) {
            return probes.of(GitLabCanRequestModel.SECTION).refusedByGitLab(completion);
        }
        return broken(
                Sections.USER_CAN_REQUEST,
                "user-not-available",
                "GraphQL currentUser.duoCodeSuggestionsAvailable of '"
                        + user.path("username").asText() + "'",
                "true",
                "false, although the license, add-on, seat and Code Suggestions settings are in order");
    }
}
