package dev.duoconformance.rules.model;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.ChatAnswer;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.http.TransportError;
import dev.duoconformance.rules.Answers;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.RateLimits;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import java.util.Optional;

/**
 * Section model-reachable-from-ai-gateway, as seen from this runner: the model answers the suite's own chat completion.
 * A model at fault in a narrower way is blamed on its section first: a Bedrock identifier Bedrock cannot invoke on
 * demand (bedrock-model-id), an endpoint without /v1 or a name the server does not serve (vllm-404). The sections that
 * reach the model through the AI gateway are blocked by this condition. This runner's vantage is not the gateway's: a
 * model that does not answer here while GitLab's connection check reaches it through the AI gateway is reachable from
 * the AI gateway, and the section is not failed on the outside probe alone.
 */
public final class ModelAnswers implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.MODEL_REACHABLE, Sections.BEDROCK_MODEL_ID, Sections.VLLM_404,
            Sections.TLS);

    private static final String LISTED = "HTTP 200 {\"object\":\"list\",\"data\":[…]}";
    private static final String ANSWERED = "HTTP 200 with choices[0].message.content";

    /** What the AI gateway's side says of a model: GitLab's connection check reached it through the gateway, with this message. */
    @FunctionalInterface
    public interface GatewayVantage {
        Optional<String> reached(Environment.Model model);

        GatewayVantage NONE = model -> Optional.empty();
    }

    private final Rules rules;
    private final ModelServerClient modelServer;
    private final GatewayVantage gateway;

    public ModelAnswers(Rules rules, ModelServerClient modelServer, GatewayVantage gateway) {
        this.rules = rules;
        this.modelServer = modelServer;
        this.gateway = gateway;
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    /** The suite's own chat completion to the model (memoized by the client), e.g. to measure its latency. */
    public Exchange direct(Environment.Model model) {
        return modelServer.chatCompletion(model);
    }

    public Condition answers(Environment.Model model) {
        return rules.once(this, "answers:" + model.name(), () -> answersNow(model));
    }

    private Condition answersNow(Environment.Model model) {
        if (model.isBedrock()) {
            return rules.get(BedrockModelId.class).identifier(model);
        }
        if (model.endpoint().isEmpty()) {
            return Condition.unknown("model '" + model.name() + "' has no endpoint in the environment file");
        }
        if (!model.hasOpenAiCompatibleEndpoint()) {
            return Condition.unknown("model '" + model.name() + "' is served by " + model.platform().serverName() + " (" + model.platformSource()
                    + "), which the AI gateway calls through LiteLLM with settings the suite does not have; GitLab's model connection check covers it");
        }
        Condition endpoint = rules.get(Vllm404.class).endpoint(model);
        if (endpoint.isBroken()) {
            return endpoint;
        }
        Exchange listing = modelServer.models(model);
        Optional<Condition> listed = judge(model, listing, LISTED);
        if (listed.isPresent()) {
            return fromTheGatewayWhenUnreachableHere(model, listing, listed.get());
        }
        if (!listing.json().map(j -> j.path("data").isArray()).orElse(false)) {
            return failed("bad-response", listing, LISTED);
        }
        Exchange chat = modelServer.chatCompletion(model);
        Optional<Condition> answered = judge(model, chat, ANSWERED);
        if (answered.isPresent()) {
            return fromTheGatewayWhenUnreachableHere(model, chat, answered.get());
        }
        if (ModelServerClient.answerOf(chat).isEmpty()) {
            return failed("bad-response", chat, ANSWERED);
        }
        return chat.json().flatMap(ChatAnswer::of).filter(ChatAnswer::reasoningOnly)
                .map(answer -> Condition.holdsBecause(answer.note(16))).orElseGet(Condition::holds);
    }

    /** A model this runner cannot reach is asked of the AI gateway's side before the section fails on it. */
    private Condition fromTheGatewayWhenUnreachableHere(Environment.Model model, Exchange exchange, Condition judged) {
        if (!(judged instanceof Condition.Broken broken) || !broken.failure().section().equals(Sections.MODEL_REACHABLE)
                || !broken.failure().cause().equals("unreachable") || !exchange.error().map(ModelAnswers::pathBlocked).orElse(false)) {
            return judged;
        }
        return gateway.reached(model).map(message -> Condition.holdsBecause("reachable from the AI gateway, not from this runner: "
                + exchange.request() + " got " + exchange.outcome() + " here, while GitLab's model connection check, which goes through the "
                + "AI gateway, succeeded (\"" + message + "\"); this runner's route to the model server is not the gateway's"))
                .orElse(judged);
    }

    /**
     * The runner's network path to the model failed (refused, unresolved, unrouted, reset, no connection in time); a
     * server that took the connection and then stayed silent or stalled its body is the model server's own fault,
     * whoever asks.
     */
    private static boolean pathBlocked(TransportError error) {
        return switch (error.kind()) {
            case REFUSED, UNKNOWN_HOST, NO_ROUTE, OTHER -> true;
            case TIMEOUT -> error.detail().startsWith("no connection within");
            default -> false;
        };
    }

    /**
     * What an answer of the model server says before its body is read. Not {@link Answers#unusable}: a model silent
     * earlier in the run is this section's failure (unreachable), not a reason to leave it unchecked.
     */
    private static Optional<Condition> judge(Environment.Model model, Exchange exchange, String expected) {
        if (exchange.failedWith(TransportError.Kind.TLS)) {
            return Optional.of(Condition.broken(new Failure(Sections.TLS, "untrusted-certificate", exchange.request(), expected,
                    exchange.outcome())));
        }
        Optional<String> rateLimited = RateLimits.rateLimited(exchange);
        if (rateLimited.isPresent()) {
            return Optional.of(Condition.unknown(rateLimited.get()));
        }
        if (!exchange.answered()) {
            return Optional.of(failed("unreachable", exchange, expected));
        }
        if (exchange.status() == 404) {
            return Optional.of(Condition.broken(new Failure(Sections.VLLM_404, "model-not-served", exchange.request(), expected,
                    exchange.outcome())));
        }
        if (exchange.status() == 401 || exchange.status() == 403) {
            return Optional.of(failed("unauthorized", exchange, expected + " (with api_key " + (model.apiKey().isPresent() ? "set" : "not set") + ")"));
        }
        if (exchange.status() != 200) {
            return Optional.of(failed("bad-response", exchange, expected));
        }
        return Optional.empty();
    }

    private static Condition failed(String cause, Exchange exchange, String expected) {
        return Condition.broken(new Failure(Sections.MODEL_REACHABLE, cause, exchange.request(), expected, exchange.outcome()));
    }
}
