package dev.duoconformance.rules.gitlab;

import static dev.duoconformance.rules.gitlab.GitLabReads.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.GitLabClient.Identity;
import dev.duoconformance.http.GraphQlAnswer;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import java.util.List;
import java.util.Optional;

/** Section code-suggestions-access-error: the user holds a Duo Enterprise seat. */
public final class CodeSuggestionsAccessError {
    /** The user holds a GitLab Duo Enterprise seat. */
    public static final Check<CodeSuggestionsAccessError> SEAT = Check.of(
            "userHoldsASeat",
            "The user holds a GitLab Duo Enterprise seat",
            Gate.gitlab("selfManagedAddOnEligibleUsers", Identity.ADMIN, Identity.USER),
            CodeSuggestionsAccessError::seat);

    public static final Declaration<CodeSuggestionsAccessError> SECTION = Declaration.of(
                    Sections.ACCESS_ERROR, CodeSuggestionsAccessError::new)
            .dependsOn(Sections.USER_CAN_REQUEST)
            .checks(SEAT);

    private final Probes probes;
    private final GitLabClient gitlab;

    private CodeSuggestionsAccessError(Probes probes) {
        this.probes = probes;
        this.gitlab = probes.gitlab();
    }

    private Condition seat() {
        Condition entitlement = probes.outcome(UserCanRequestCodeSuggestions.ENTITLEMENT);
        if (!(entitlement instanceof Condition.Holds)) {
            return entitlement;
        }
        String username =
                gitlab.currentUser().data().path("currentUser").path("username").asText("");
        if (username.isEmpty()) {
            return Condition.unknown(
                    "GraphQL currentUser came back null for gitlab.user_token: give the token the api (or read_api) scope");
        }
        String purchase = duoEnterprisePurchase(gitlab).orElseThrow().path("id").asText();
        GraphQlAnswer seats = gitlab.seatOf(username, List.of(purchase));
        JsonNode users = seats.data().path("selfManagedAddOnEligibleUsers").path("nodes");
        if (!seats.answered() || !seats.errors().isEmpty() || !users.isArray()) {
            return Condition.unknown("the seat assignments could not be read: " + seats.outcome());
        }
        Optional<JsonNode> user = stream(users)
                .filter(u -> u.path("username").asText().equals(username))
                .findFirst();
        boolean seated = user.map(u -> stream(u.path("addOnAssignments").path("nodes"))
                        .anyMatch(a -> "DUO_ENTERPRISE"
                                .equals(a.path("addOnPurchase").path("name").asText())))
                .orElse(false);
        if (!seated) {
            return broken(
                    Sections.ACCESS_ERROR,
                    "no-seat",
                    "GraphQL selfManagedAddOnEligibleUsers(DUO_ENTERPRISE) for '" + username + "'",
                    "an assignment of the DUO_ENTERPRISE add-on",
                    user.isEmpty() ? "the user is not eligible for a seat" : "no assignment");
        }
        return Condition.holds();
    }
}
