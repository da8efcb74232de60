package dev.duoconformance.rules.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.config.ModelPlatform;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.rules.Answers;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Section vllm-404: a vLLM model's endpoint ends with {@code /v1}, and the server lists the name the AI gateway asks
 * for. A listing that does not come at all is the model server not answering: model-reachable-from-ai-gateway's to say.
 */
public final class Vllm404 implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.VLLM_404, Sections.MODEL_REACHABLE, Sections.TLS);
    private static final String SECTION = Sections.VLLM_404;

    private final Rules rules;
    private final ModelServerClient modelServer;

    public Vllm404(Rules rules, ModelServerClient modelServer) {
        this.rules = rules;
        this.modelServer = modelServer;
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    public Condition endpointEndsWithV1(Environment.Model model) {
        return model.endpointEndsWithV1() ? Condition.holds() : Condition.broken(new Failure(SECTION, "missing-v1",
                "endpoint of model '" + model.name() + "'", "http(s)://{host}:{port}/v1", model.endpoint().orElseThrow().toString()));
    }

    public Condition servedNameListed(Environment.Model model) {
        return rules.once(this, "servedName:" + model.name(), () -> servedNameListedNow(model));
    }

    private Condition servedNameListedNow(Environment.Model model) {
        if (!model.endpointEndsWithV1()) {
            return Condition.unknown("the endpoint lacks /v1 (see the other check of this section)");
        }
        Exchange models = modelServer.models(model);
        Optional<Condition> unusable = Answers.unusable(models, SECTION);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        List<String> served = servedNames(models);
        if (models.status() != 200 || served == null) {
            return Condition.broken(new Failure(Sections.MODEL_REACHABLE, models.answered() ? "bad-response" : "unreachable", models.request(),
                    "HTTP 200 {\"object\":\"list\",\"data\":[…]}", models.outcome()));
        }
        if (model.declaredPlatform().isEmpty() && !ModelPlatform.servesAsVllm(models.json().orElseThrow())) {
            return Condition.unknown("model '" + model.name() + "' runs on an OpenAI-compatible server that is not vLLM (" + models.request()
                    + " lists no model owned_by vllm); vLLM 404 applies to vLLM");
        }
        if (!served.contains(model.servedName())) {
            String expected = "data[].id contains '" + model.servedName() + "' ("
                    + model.identifier().map(id -> "the identifier " + id + " without its provider prefix")
                            .orElse("the family, as no identifier is set") + ")";
            return Condition.broken(new Failure(SECTION, "model-not-served", models.request(), expected, "data[].id = " + served));
        }
        return Condition.holds();
    }

    private static List<String> servedNames(Exchange models) {
        JsonNode data = models.json().map(j -> j.path("data")).orElse(null);
        if (data == null || !data.isArray()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        data.forEach(entry -> names.add(entry.path("id").asText()));
        return names;
    }
}
