package dev.duoconformance.rules.model;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.config.ModelPlatform;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.http.TransportError;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.RateLimit;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;

/**
 * Whether a model itself is at fault, as seen from this runner: the conditions of the model sections — a Bedrock
 * identifier Bedrock cannot invoke on demand (bedrock-model-id), an endpoint without /v1 or a name the server does not serve
 * (vllm-404), a model server that does not answer (model-reachable-from-ai-gateway) — which the sections that reach
 * the model through the AI gateway are blocked by.
 */
public final class ModelAnswers implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.MODEL_REACHABLE, Sections.BEDROCK_MODEL_ID, Sections.VLLM_404,
            Sections.TLS);

    private final Rules rules;
    private final ModelServerClient modelServer;

    public ModelAnswers(Rules rules, ModelServerClient modelServer) {
        this.rules = rules;
        this.modelServer = modelServer;
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    /** The suite's own chat completion to the model (memoized by the client), e.g. to measure its latency. */
    public Exchange direct(Environment.Model model) {
        return modelServer.chatCompletion(model);
    }

    /** An OpenAI-compatible server not declared as vLLM whose listing shows no vLLM model: the vLLM rules do not apply. */
    private boolean provedNotVllm(Environment.Model model) {
        if (model.declaredPlatform().isPresent()) {
            return false;
        }
        Exchange listing = modelServer.models(model);
        return listing.status() == 200 && listing.json().map(j -> !ModelPlatform.servesAsVllm(j)).orElse(false);
    }

    public Condition answers(Environment.Model model) {
        return rules.once(this, "answers:" + model.name(), () -> answersNow(model));
    }

    private Condition answersNow(Environment.Model model) {
        if (model.isBedrock()) {
            String identifier = model.identifier().orElse("");
            return BedrockIdentifier.requiredInstead(identifier).<Condition>map(expected -> Condition.broken(new Failure(Sections.BEDROCK_MODEL_ID,
                    "missing-region-prefix", "identifier of model '" + model.name() + "'", expected, identifier))).orElseGet(Condition::holds);
        }
        if (model.endpoint().isEmpty()) {
            return Condition.unknown("model '" + model.name() + "' has no endpoint in the environment file");
        }
        if (!model.hasOpenAiCompatibleEndpoint()) {
            return Condition.unknown("model '" + model.name() + "' is served by " + model.platform().serverName() + " (" + model.platformSource()
                    + "), which the AI gateway calls through LiteLLM with settings the suite does not have; GitLab's model connection check covers it");
        }
        if (model.mayBeVllm() && !model.endpointEndsWithV1() && !provedNotVllm(model)) {
            return Condition.broken(new Failure(Sections.VLLM_404, "missing-v1", "endpoint of model '" + model.name() + "'",
                    "http(s)://{host}:{port}/v1", model.endpoint().get() + " lacks /v1"));
        }
        Exchange direct = modelServer.chatCompletion(model);
        String expected = "HTTP 200 with choices[0].message.content";
        if (direct.failedWith(TransportError.Kind.TLS)) {
            return Condition.broken(new Failure(Sections.TLS, "untrusted-certificate", direct.request(), expected, direct.outcome()));
        }
        if (direct.status() == 429) {
            return Condition.unknown(RateLimit.reason(direct));
        }
        if (direct.status() == 404) {
            return Condition.broken(new Failure(Sections.VLLM_404, "model-not-served", direct.request(), expected, direct.outcome()));
        }
        if (ModelServerClient.answerOf(direct).isEmpty()) {
            return Condition.broken(new Failure(Sections.MODEL_REACHABLE, direct.answered() ? "bad-response" : "unreachable",
                    direct.request(), expected, direct.outcome()));
        }
        return Condition.holds();
    }
}
