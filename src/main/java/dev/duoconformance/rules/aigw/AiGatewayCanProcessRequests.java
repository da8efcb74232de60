package dev.duoconformance.rules.aigw;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.AiGatewayClient;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.rules.Answers;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import java.util.Optional;

/**
 * Section ai-gateway-can-process-requests. Its health check is the one definition of "the AI gateway serves" every
 * rule uses: {@code GET /monitoring/healthz} answers 200 with a JSON object. Its authentication is on ({@code GET /}
 * without a token → 401 {@code {"error":…}}), unless the troubleshooting bypass is expected.
 */
public final class AiGatewayCanProcessRequests {
    /** The AI gateway serves: 200 with a JSON object from its health check. */
    public static final Check<AiGatewayCanProcessRequests> SERVES = Check.of(
            "healthCheckAnswers",
            "The AI gateway answers GET /monitoring/healthz with 200 {}",
            Gate.from(Gate.Vantage.AI_GATEWAY),
            AiGatewayCanProcessRequests::serves);
    /** Authentication is as the environment expects: on, or bypassed only while troubleshooting. */
    public static final Check<AiGatewayCanProcessRequests> AUTHENTICATION = Check.of(
            "authenticationIsAsExpected",
            "The AI gateway's authentication is on, unless the troubleshooting bypass is expected",
            Gate.from(Gate.Vantage.AI_GATEWAY),
            AiGatewayCanProcessRequests::authentication);

    public static final Declaration<AiGatewayCanProcessRequests> SECTION = Declaration.of(
                    Sections.AIGW_PROCESSES_REQUESTS, AiGatewayCanProcessRequests::new)
            .dependsOn(Sections.TLS)
            .checks(SERVES, AUTHENTICATION);

    private final Probes probes;
    private final AiGatewayClient aiGateway;
    private final Environment.AiGateway configured;

    private AiGatewayCanProcessRequests(Probes probes) {
        this.probes = probes;
        this.aiGateway = probes.aiGateway().orElseThrow();
        this.configured = probes.environment().aiGateway().orElseThrow();
    }

    private Condition serves() {
        Exchange health = aiGateway.health();
        Optional<Condition> unusable = Answers.unusable(health, Sections.AIGW_PROCESSES_REQUESTS);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        boolean healthy = health.answered()
                && health.status() == 200
                && health.json().map(j -> j.isObject()).orElse(false);
        return healthy
                ? Condition.holds()
                : Condition.broken(new Failure(
                        Sections.AIGW_PROCESSES_REQUESTS,
                        cause(health),
                        health.request(),
                        "HTTP 200 with the body {}",
                        health.outcome()));
    }

    /**
     * Down, silent or a 5xx: the gateway is not serving ({@code unhealthy}). A redirect, or an answer below 500 that is
     * not JSON (a sign-in page, a reverse proxy's default page): something else answers at ai_gateway.url.
     */
    private static String cause(Exchange health) {
        if (!health.answered() || health.status() >= 500) {
            return "unhealthy";
        }
        boolean redirect = health.status() >= 300 && health.status() < 400;
        return redirect || health.json().isEmpty() ? "not-the-gateway" : "unhealthy";
    }

    private Condition authentication() {
        if (!(probes.outcome(SERVES) instanceof Condition.Holds)) {
            return Condition.unknown(
                    "the AI gateway did not pass its health check (see the other check of this section)");
        }
        Exchange root = aiGateway.unauthenticatedRoot();
        Optional<Condition> unusable = Answers.unusable(root, Sections.AIGW_PROCESSES_REQUESTS);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        boolean authOn =
                root.status() == 401 && root.json().map(j -> j.has("error")).orElse(false);
        boolean bypassed =
                root.status() == 404 && root.json().map(j -> j.has("detail")).orElse(false);
        boolean bypassExpected = configured.authBypassExpected();
        if (bypassed && !bypassExpected) {
            return Condition.broken(new Failure(
                    Sections.AIGW_PROCESSES_REQUESTS,
                    "auth-disabled",
                    root.request(),
                    "HTTP 401 {\"error\":\"No authorization header presented\"} (authentication on; ai_gateway.auth_bypass_expected is false)",
                    root.outcome()));
        }
        if (!authOn && !bypassed) {
            return Condition.broken(new Failure(
                    Sections.AIGW_PROCESSES_REQUESTS,
                    "unhealthy",
                    root.request(),
                    "HTTP 401 {\"error\":…} from the AI gateway's authentication (or 404 {\"detail\":…} with the troubleshooting bypass)",
                    root.outcome()));
        }
        return Condition.holds();
    }
}
