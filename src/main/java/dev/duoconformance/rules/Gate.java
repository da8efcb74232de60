package dev.duoconformance.rules;

import dev.duoconformance.http.GitLabClient.Identity;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a check needs before it can be judged: the GitLab API it reads (the versions that have it and the tokens it
 * sends), the vantage it needs (the AI gateway's URL, its runtime, GitLab's console), and whether the run must opt in.
 * The engine applies it ({@link Gates}); a check never restates it.
 */
public record Gate(Optional<GitLabApi> gitlab, Set<Vantage> vantages, Optional<OptIn> optIn) {
    public static final Gate NONE = new Gate(Optional.empty(), Set.of(), Optional.empty());

    /** Where the check must reach besides the model servers and this runner's own TLS probes. */
    public enum Vantage {
        AI_GATEWAY,
        RUNTIME,
        CONSOLE
    }

    /** A GitLab API read with these identities' tokens, existing in GitLab versions [since, until) (empty: every version). */
    public record GitLabApi(String api, String since, String until, List<Identity> identities) {}

    /** A check that runs something heavier than a read-only probe: only with {@code -D<parameter>=true}. */
    public record OptIn(String parameter, String runs) {}

    public static Gate gitlab(String api, Identity... identities) {
        return NONE.and(new GitLabApi(api, "", "", List.of(identities)));
    }

    public static Gate from(Vantage vantage) {
        return NONE.also(vantage);
    }

    public Gate since(String version) {
        GitLabApi api = gitlab.orElseThrow();
        return and(new GitLabApi(api.api(), version, api.until(), api.identities()));
    }

    public Gate until(String version) {
        GitLabApi api = gitlab.orElseThrow();
        return and(new GitLabApi(api.api(), api.since(), version, api.identities()));
    }

    public Gate also(Vantage vantage) {
        Set<Vantage> all = EnumSet.of(vantage);
        all.addAll(vantages);
        return new Gate(gitlab, Set.copyOf(all), optIn);
    }

    public Gate optIn(String parameter, String runs) {
        return new Gate(gitlab, vantages, Optional.of(new OptIn(parameter, runs)));
    }

    private Gate and(GitLabApi api) {
        return new Gate(Optional.of(api), vantages, optIn);
    }
}
