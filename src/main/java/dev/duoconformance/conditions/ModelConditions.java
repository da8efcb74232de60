package dev.duoconformance.conditions;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.config.ModelPlatform;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.http.TransportError;
import dev.duoconformance.junit.Condition;
import dev.duoconformance.junit.Sections;

/**
 * Whether a model itself is at fault, as seen from this runner: the conditions of the model sections (a Bedrock
 * identifier without region, an endpoint without /v1, a model server that does not answer), which sections that
 * reach the model through the AI gateway are blocked by.
 */
public final class ModelConditions {
    private ModelConditions() {}

    /** An OpenAI-compatible server not declared as vLLM whose listing shows no vLLM model: the vLLM rules do not apply. */
    private static boolean provedNotVllm(Environment.Model model, ModelServerClient modelServer) {
        if (model.declaredPlatform().isPresent()) {
            return false;
        }
        Exchange listing = modelServer.models(model);
        return listing.status() == 200 && listing.json().map(j -> !ModelPlatform.servesAsVllm(j)).orElse(false);
    }

    public static Condition modelAnswers(Environment.Model model, ModelServerClient modelServer) {
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
        if (model.mayBeVllm() && !model.endpointEndsWithV1() && !provedNotVllm(model, modelServer)) {
            return Condition.broken(new Failure(Sections.VLLM_404, "missing-v1", "endpoint of model '" + model.name() + "'",
                    "http(s)://{host}:{port}/v1", model.endpoint().get() + " lacks /v1"));
        }
        Exchange direct = modelServer.chatCompletion(model);
        String expected = "HTTP 200 with choices[0].message.content";
        if (direct.failedWith(TransportError.Kind.TLS)) {
            return Condition.broken(new Failure(Sections.TLS, "untrusted-certificate", direct.request(), expected, direct.outcome()));
        }
        if (direct.status() == 429) {
            return Condition.unknown(direct.request() + ": " + direct.outcome());
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
