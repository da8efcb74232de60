package dev.duoconformance.rules.gitlab;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.rules.Answers;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import java.util.Optional;

/**
 * The suite's own precondition gitlab-reachable, not a section of the doc: the GitLab the environment file configures
 * answers as GitLab's API. Configured means required: a GitLab that cannot be reached, that answers as an outage (5xx),
 * or where something else answers (an SSO or IP-allowlist proxy's redirect to a sign-in page, an HTML page) fails
 * here, once, and every GitLab check is blocked by it instead of being "not checked".
 */
public final class GitLabReachable {
    /** GitLab's API answers: its version, or its JSON refusal of a token (a token's problems are the gates' to explain). */
    public static final Check<GitLabReachable> ANSWERS = Check.of(
            "gitlabApiAnswers",
            "GitLab's API answers GET /api/v4/version at gitlab.url",
            Gate.gitlab("GET /api/v4/version"),
            GitLabReachable::answers);

    public static final Declaration<GitLabReachable> SECTION = Declaration.of(
                    Sections.GITLAB_REACHABLE, GitLabReachable::new)
            .dependsOn(Sections.TLS)
            .checks(ANSWERS);
    private static final String EXPECTED =
            "an answer of GitLab's API: 200 {\"version\":…} (or 401 {\"message\":…} without a token)";

    private final GitLabClient gitlab;

    private GitLabReachable(Probes probes) {
        this.gitlab = probes.gitlab();
    }

    private Condition answers() {
        Exchange version = gitlab.reachability();
        Optional<Condition> unusable = Answers.unusable(version, Sections.GITLAB_REACHABLE);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        return cause(version)
                .<Condition>map(cause -> Condition.broken(
                        new Failure(Sections.GITLAB_REACHABLE, cause, version.request(), EXPECTED, version.outcome())))
                .orElseGet(Condition::holds);
    }

    /** The documented cause an answer shows, or empty when GitLab's API answered. */
    static Optional<String> cause(Exchange answer) {
        if (!answer.answered()) {
            return Optional.of("unreachable");
        }
        int status = answer.status();
        if (status >= 500) {
            return Optional.of("outage");
        }
        // GitLab's own answers (lib/api/metadata.rb: the version to a token; before { authenticate! }: 401/403 JSON
        // without).
        boolean version = status == 200
                && answer.json().map(j -> j.path("version").isTextual()).orElse(false);
        boolean refused = (status == 401 || status == 403)
                && answer.json().map(j -> j.isObject()).orElse(false);
        return version || refused ? Optional.empty() : Optional.of("not-the-api");
    }
}
