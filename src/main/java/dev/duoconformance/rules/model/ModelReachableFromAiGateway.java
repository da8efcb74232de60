package dev.duoconformance.rules.model;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.ChatAnswer;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.http.TransportError;
import dev.duoconformance.rules.Answers;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.EachInstance;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.ModelKind;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.RateLimits;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.Unknowable;
import dev.duoconformance.rules.gitlab.GitLabReads;
import dev.duoconformance.rules.runtime.LlmServerInContainer;
import dev.duoconformance.rules.runtime.Running;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayInstance;
import java.net.URI;
import java.util.Optional;

/**
 * Section model-reachable-from-ai-gateway, from both vantages. From this runner: the model answers the suite's own chat
 * completion. A model at fault in a narrower way is blamed on its section first: a Bedrock identifier Bedrock cannot
 * invoke on demand (bedrock-model-id), an endpoint without /v1 or a name the server does not serve (vllm-404). This
 * runner's vantage is not the gateway's: a model that does not answer here while GitLab's connection check reaches it
 * through the AI gateway is reachable from the AI gateway, and the section is not failed on the outside probe alone.
 * From inside the AI gateway's container (each replica): the model server answers there as it does here.
 */
public final class ModelReachableFromAiGateway {
    public static final Check<ModelReachableFromAiGateway> ANSWERS = Check.forEachModel(
            "modelServerAnswers",
            "The model server lists its models and answers a chat completion (from this runner)",
            ModelKind.OPENAI_COMPATIBLE,
            Gate.NONE,
            ModelReachableFromAiGateway::answers);
    public static final Check<ModelReachableFromAiGateway> ANSWERS_INSIDE_THE_CONTAINER = Check.forEachModel(
            "modelServerAnswersInsideTheContainer",
            "The model server answers GET <endpoint>/models from inside the AI gateway container as it does from this runner",
            ModelKind.OPENAI_COMPATIBLE,
            Gate.from(Gate.Vantage.RUNTIME),
            ModelReachableFromAiGateway::answersInsideTheContainer);
    public static final Declaration<ModelReachableFromAiGateway> SECTION = Declaration.of(
                    Sections.MODEL_REACHABLE, ModelReachableFromAiGateway::new)
            .dependsOn(Sections.BEDROCK_MODEL_ID, Sections.VLLM_404, Sections.TLS, Sections.LLM_SERVER_IN_CONTAINER)
            .checks(ANSWERS, ANSWERS_INSIDE_THE_CONTAINER);

    private static final String LISTED = "HTTP 200 {\"object\":\"list\",\"data\":[…]}";
    private static final String ANSWERED = "HTTP 200 with choices[0].message.content";

    private final Probes probes;

    private ModelReachableFromAiGateway(Probes probes) {
        this.probes = probes;
    }

    private Condition answers(Environment.Model model) {
        if (model.isBedrock()) {
            return probes.outcome(BedrockModelId.IDENTIFIER, model);
        }
        if (model.endpoint().isEmpty()) {
            return Condition.unknown("model '" + model.name() + "' has no endpoint in the environment file");
        }
        if (!model.hasOpenAiCompatibleEndpoint()) {
            return Condition.unknown(
                    "model '" + model.name() + "' is served by "
                            + model.platform().serverName() + " (" + model.platformSource()
                            + "), which the AI gateway calls through LiteLLM with settings the suite does not have; GitLab's model connection check covers it");
        }
        Condition endpoint = probes.outcome(Vllm404.ENDPOINT, model);
        if (endpoint.isBroken()) {
            return endpoint;
        }
        Exchange listing = probes.modelServers().models(model);
        Optional<Condition> listed = judge(model, listing, LISTED);
        if (listed.isPresent()) {
            return fromTheGatewayWhenUnreachableHere(model, listing, listed.get());
        }
        if (!listing.json().map(j -> j.path("data").isArray()).orElse(false)) {
            return failed("bad-response", listing, LISTED);
        }
        Exchange chat = probes.modelServers().chatCompletion(model);
        Optional<Condition> answered = judge(model, chat, ANSWERED);
        if (answered.isPresent()) {
            return fromTheGatewayWhenUnreachableHere(model, chat, answered.get());
        }
        if (ModelServerClient.answerOf(chat).isEmpty()) {
            return failed("bad-response", chat, ANSWERED);
        }
        return chat.json()
                .flatMap(ChatAnswer::of)
                .filter(ChatAnswer::reasoningOnly)
                .map(answer -> Condition.holdsBecause(answer.note(16)))
                .orElseGet(Condition::holds);
    }

    /** A model this runner cannot reach is asked of the AI gateway's side before the section fails on it. */
    private Condition fromTheGatewayWhenUnreachableHere(Environment.Model model, Exchange exchange, Condition judged) {
        if (!(judged instanceof Condition.Broken broken)
                || !broken.failure().section().equals(Sections.MODEL_REACHABLE)
                || !broken.failure().cause().equals("unreachable")
                || !exchange.error()
                        .map(ModelReachableFromAiGateway::pathBlocked)
                        .orElse(false)) {
            return judged;
        }
        return reachedThroughTheGateway(model)
                .map(message -> Condition.holdsBecause("reachable from the AI gateway, not from this runner: "
                        + exchange.request() + " got " + exchange.outcome()
                        + " here, while GitLab's model connection check, which goes through the "
                        + "AI gateway, succeeded (\"" + message
                        + "\"); this runner's route to the model server is not the gateway's"))
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
            return Optional.of(Condition.broken(new Failure(
                    Sections.TLS, "untrusted-certificate", exchange.request(), expected, exchange.outcome())));
        }
        Optional<String> rateLimited = RateLimits.rateLimited(exchange);
        if (rateLimited.isPresent()) {
            return Optional.of(Condition.unknown(rateLimited.get()));
        }
        if (!exchange.answered()) {
            return Optional.of(failed("unreachable", exchange, expected));
        }
        if (exchange.status() == 404) {
            return Optional.of(Condition.broken(new Failure(
                    Sections.VLLM_404, "model-not-served", exchange.request(), expected, exchange.outcome())));
        }
        if (exchange.status() == 401 || exchange.status() == 403) {
            return Optional.of(failed(
                    "unauthorized",
                    exchange,
                    expected + " (with api_key " + (model.apiKey().isPresent() ? "set" : "not set") + ")"));
        }
        if (exchange.status() != 200) {
            return Optional.of(failed("bad-response", exchange, expected));
        }
        return Optional.empty();
    }

    private static Condition failed(String cause, Exchange exchange, String expected) {
        return Condition.broken(
                new Failure(Sections.MODEL_REACHABLE, cause, exchange.request(), expected, exchange.outcome()));
    }

    /** What the AI gateway's side says of a model: GitLab's connection check reached it through the gateway, with this message. */
    private Optional<String> reachedThroughTheGateway(Environment.Model model) {
        return probes.hasGitLab() ? GitLabReads.reachedTheModel(probes.gitlab(), model) : Optional.empty();
    }

    private Condition answersInsideTheContainer(Environment.Model model) {
        return instances().judge(instance -> inside(model, instance));
    }

    private EachInstance instances() {
        return probes.instances().orElseThrow();
    }

    private Condition inside(Environment.Model model, GatewayInstance instance) {
        Optional<Condition> stopped = Running.stopped(instance)
                .or(() -> probes.of(LlmServerInContainer.SECTION).endpointIsTheContainer(model, instance));
        if (stopped.isPresent()) {
            return stopped.get();
        }
        URI models = URI.create(model.endpoint().orElseThrow().toString().replaceAll("/+$", "") + "/models");
        Optional<String> authorization = model.apiKey().isPresent()
                ? Optional.of("Bearer " + model.apiKey().reveal())
                : Optional.empty();
        Exchange inside = instance.get(models, authorization).orElseThrow(Unknowable::new);
        Optional<Condition> unusable = Answers.unusable(inside, Sections.MODEL_REACHABLE);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        if (inside.answered() && inside.status() == 200) {
            return Condition.holds();
        }
        Exchange outside = probes.modelServers().models(model);
        String expected = outside.answered()
                ? "HTTP " + outside.status() + ", as this runner gets from " + outside.request()
                : "HTTP 200 {\"object\":\"list\",\"data\":[…]}";
        ContainerInfo container = instance.info();
        if (!inside.answered()) {
            return Condition.broken(instances()
                    .failure(
                            outside.answered() ? "unreachable-from-container" : "unreachable",
                            inside.request(),
                            expected + proxyHint(container),
                            inside.outcome()));
        }
        if (outside.answered() && outside.status() != inside.status()) {
            return Condition.broken(instances()
                    .failure(
                            "unreachable-from-container",
                            inside.request(),
                            expected + " (something between the container and the model answers instead)"
                                    + proxyHint(container),
                            inside.outcome()));
        }
        return Condition.holdsBecause(
                "from inside " + instance.where() + " the model server answers HTTP " + inside.status()
                        + (outside.answered()
                                ? ", as it does from this runner (the other check of this section judges the answer)"
                                : ""));
    }

    private static String proxyHint(ContainerInfo container) {
        String proxies = container.env().keySet().stream()
                .filter(n -> n.matches("(?i)https?_proxy|all_proxy|no_proxy"))
                .sorted()
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        return proxies.isEmpty() ? "" : "; the container sets " + proxies;
    }
}
