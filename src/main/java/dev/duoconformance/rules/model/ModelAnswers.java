package dev.duoconformance.rules.model;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.http.TransportError;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.RateLimit;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import java.util.regex.Pattern;

/**
 * Whether a model itself is at fault, as seen from this runner: the conditions of the model sections — a Bedrock
 * identifier without its region (bedrock-model-id), an endpoint without /v1 or a name the server does not serve
 * (vllm-404), a model server that does not answer (model-reachable-from-ai-gateway) — which the sections that reach
 * the model through the AI gateway are blocked by.
 */
public final class ModelAnswers implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.MODEL_REACHABLE, Sections.BEDROCK_MODEL_ID, Sections.VLLM_404,
            Sections.TLS);
    private static final Pattern REGION_PREFIXED = Pattern.compile("bedrock/(us|us-gov|eu|apac|jp|au|ca|global)\\.[a-z0-9-]+\\.\\S+");

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

    /** Bedrock model identifiers as the doc requires them: {@code bedrock/<region>.<model-id>}, an inference profile. */
    public static boolean hasRegionPrefix(String identifier) {
        return REGION_PREFIXED.matcher(identifier).matches();
    }

    public Condition answers(Environment.Model model) {
        return rules.once(this, "answers:" + model.name(), () -> answersNow(model));
    }

    private Condition answersNow(Environment.Model model) {
        if (model.isBedrock()) {
            String identifier = model.identifier().orElse("");
            return hasRegionPrefix(identifier) ? Condition.holds() : Condition.broken(new Failure(Sections.BEDROCK_MODEL_ID,
                    "missing-region-prefix", "identifier of model '" + model.name() + "'", "bedrock/{region}.{model-id}", identifier));
        }
        if (model.endpoint().isEmpty()) {
            return Condition.unknown("model '" + model.name() + "' has no endpoint in the environment file");
        }
        if (!model.endpointEndsWithV1()) {
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
