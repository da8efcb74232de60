package dev.duoconformance.rules.model;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.http.TransportError;
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
 * reach the model through the AI gateway are blocked by this condition.
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
        Exchange direct = modelServer.chatCompletion(model);
        String expected = "HTTP 200 with choices[0].message.content";
        // Not Answers.unusable: a model silent earlier in the run is this section's failure (unreachable), not a reason to
        // leave it unchecked.
        if (direct.failedWith(TransportError.Kind.TLS)) {
            return Condition.broken(new Failure(Sections.TLS, "untrusted-certificate", direct.request(), expected, direct.outcome()));
        }
        Optional<String> rateLimited = RateLimits.rateLimited(direct);
        if (rateLimited.isPresent()) {
            return Condition.unknown(rateLimited.get());
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
