package dev.duoconformance.rules.runtime;

import static dev.duoconformance.rules.runtime.ContainerReads.parse;
import static dev.duoconformance.rules.runtime.ContainerReads.withSlash;

import dev.duoconformance.http.Exchange;
import dev.duoconformance.rules.Answers;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.EachInstance;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.Unknowable;
import dev.duoconformance.runtime.GatewayInstance;
import java.net.URI;
import java.util.Optional;

/**
 * Section ai-gateway-can-reach-gitlab: from inside every instance, {@code AIGW_GITLAB_URL} serves its OIDC discovery
 * document, and the keys at its {@code jwks_uri} are there — what the AI gateway fetches to validate GitLab's tokens.
 */
public final class AiGatewayCanReachGitlab {
    public static final Check<AiGatewayCanReachGitlab> GITLAB_ANSWERS = Check.<AiGatewayCanReachGitlab>of(
            "gitlabAnswersFromInsideTheContainer",
            "From inside the AI gateway container, AIGW_GITLAB_URL serves its OIDC discovery document and signing keys",
            Gate.from(Gate.Vantage.RUNTIME),
            AiGatewayCanReachGitlab::gitlabAnswers);
    public static final Declaration<AiGatewayCanReachGitlab> SECTION = Declaration.of(
                    Sections.AIGW_REACHES_GITLAB, AiGatewayCanReachGitlab::new)
            .dependsOn(Sections.AIGW_ENV_VARS, Sections.LLM_SERVER_IN_CONTAINER, Sections.TLS)
            .checks(GITLAB_ANSWERS);
    private static final String ID = Sections.AIGW_REACHES_GITLAB;
    private static final String EXPECTED =
            "HTTP 200 with the OIDC discovery document and a JWKS with keys; without them the AI gateway "
                    + "rejects GitLab's tokens with `JWTError: Signature verification failed` or `No keys founds in JWKS; are OIDC providers up?`";

    private final Probes probes;
    private final EachInstance each;

    private AiGatewayCanReachGitlab(Probes probes) {
        this.probes = probes;
        this.each = probes.instances().orElseThrow();
    }

    private Condition gitlabAnswers() {
        return each.judge(this::gitlabAnswers);
    }

    /** The running instance, its GitLab URL right, fetches the discovery document and then the keys. */
    public Condition gitlabAnswers(GatewayInstance instance) {
        return each.once("gitlabAnswers", instance, () -> {
            Optional<Condition> stopped = Running.stopped(instance);
            if (stopped.isPresent()) {
                return stopped.get();
            }
            Condition url = probes.of(AiGatewayEnvVars.SECTION).gitlabUrls(instance);
            return url instanceof Condition.Holds ? discoveryAndKeys(instance) : url;
        });
    }

    /** A TLS failure belongs to ai-gateway-tls; the engine's or image's limits leave the section not checked. */
    private Condition discoveryAndKeys(GatewayInstance instance) {
        URI base = URI.create(withSlash(
                parse(instance.info().env("AIGW_GITLAB_URL").orElseThrow()).orElseThrow()));
        Exchange discovery = instance.get(base.resolve(".well-known/openid-configuration"), Optional.empty())
                .orElseThrow(Unknowable::new);
        Optional<Condition> unusable = Answers.unusable(discovery, ID);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        String jwks = discovery.json().map(j -> j.path("jwks_uri").asText("")).orElse("");
        if (!discovery.answered() || discovery.status() != 200 || jwks.isBlank()) {
            return unreachable(discovery.request(), discovery.outcome());
        }
        Optional<URI> jwksUri = parse(jwks);
        if (jwksUri.isEmpty()) {
            return unreachable(discovery.request(), "jwks_uri '" + jwks + "' is not a URL");
        }
        Exchange keys = instance.get(jwksUri.get(), Optional.empty()).orElseThrow(Unknowable::new);
        unusable = Answers.unusable(keys, ID);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        boolean hasKeys = keys.json()
                .map(j -> j.path("keys").isArray() && !j.path("keys").isEmpty())
                .orElse(false);
        if (!keys.answered() || keys.status() != 200 || !hasKeys) {
            return unreachable(
                    keys.request(),
                    keys.outcome()
                            + (keys.answered() && keys.status() == 200 ? " (no keys: `No keys founds in JWKS`)" : ""));
        }
        return Condition.holds();
    }

    private Condition unreachable(String checked, String butWas) {
        return Condition.broken(each.failure("unreachable", checked, EXPECTED, butWas));
    }
}
