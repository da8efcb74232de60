package dev.duoconformance.rules.runtime;

import dev.duoconformance.http.Exchange;
import dev.duoconformance.rules.Answers;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.runtime.GatewayInstance;
import java.net.URI;
import java.util.Optional;

import static dev.duoconformance.rules.runtime.ContainerReads.parse;
import static dev.duoconformance.rules.runtime.ContainerReads.withSlash;

/**
 * Section ai-gateway-can-reach-gitlab: from inside every instance, {@code AIGW_GITLAB_URL} serves its OIDC discovery
 * document, and the keys at its {@code jwks_uri} are there — what the AI gateway fetches to validate GitLab's tokens.
 */
public final class AiGatewayCanReachGitlab implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.AIGW_REACHES_GITLAB, Sections.AIGW_ENV_VARS,
            Sections.LLM_SERVER_IN_CONTAINER, Sections.IMAGE_PLATFORM, Sections.TLS);
    private static final String SECTION = Sections.AIGW_REACHES_GITLAB;
    private static final String EXPECTED = "HTTP 200 with the OIDC discovery document and a JWKS with keys; without them the AI gateway "
            + "rejects GitLab's tokens with `JWTError: Signature verification failed` or `No keys founds in JWKS; are OIDC providers up?`";

    private final Rules rules;
    private final EachInstance each;

    public AiGatewayCanReachGitlab(Rules rules, EachInstance each) {
        this.rules = rules;
        this.each = each;
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    public Condition gitlabAnswers() {
        return rules.once(this, "gitlabAnswers", () -> each.judge(this, this::gitlabAnswers));
    }

    /** The running instance, its GitLab URL right, fetches the discovery document and then the keys. */
    public Condition gitlabAnswers(GatewayInstance instance) {
        return each.once(this, "gitlabAnswers", instance, () -> {
            Optional<Condition> stopped = Running.stopped(instance);
            if (stopped.isPresent()) {
                return stopped.get();
            }
            Condition url = rules.get(AiGatewayEnvVars.class).gitlabUrls(instance);
            return url instanceof Condition.Holds ? discoveryAndKeys(instance) : url;
        });
    }

    /** A TLS failure belongs to ai-gateway-tls; the engine's or image's limits leave the section not checked. */
    private Condition discoveryAndKeys(GatewayInstance instance) {
        URI base = URI.create(withSlash(parse(instance.info().env("AIGW_GITLAB_URL").orElseThrow()).orElseThrow()));
        Exchange discovery = instance.get(base.resolve(".well-known/openid-configuration"), Optional.empty()).orElseThrow(Unknowable::new);
        Optional<Condition> unusable = Answers.unusable(discovery, SECTION);
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
        unusable = Answers.unusable(keys, SECTION);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        boolean hasKeys = keys.json().map(j -> j.path("keys").isArray() && !j.path("keys").isEmpty()).orElse(false);
        if (!keys.answered() || keys.status() != 200 || !hasKeys) {
            return unreachable(keys.request(), keys.outcome() + (keys.answered() && keys.status() == 200 ? " (no keys: `No keys founds in JWKS`)" : ""));
        }
        return Condition.holds();
    }

    private Condition unreachable(String checked, String butWas) {
        return Condition.broken(each.failure(SECTION, "unreachable", checked, EXPECTED, butWas));
    }
}
