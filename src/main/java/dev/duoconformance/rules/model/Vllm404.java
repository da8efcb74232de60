package dev.duoconformance.rules.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.config.ModelPlatform;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.rules.Answers;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.ModelKind;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Section vllm-404: the AI gateway gets 404 from vLLM when the endpoint lacks {@code /v1} or when vLLM does not serve
 * the name the gateway asks for ({@code GET /v1/models}). A server that lists no model {@code owned_by} vllm and was
 * not declared vLLM is not vLLM: the section does not apply to it.
 */
public final class Vllm404 {
    /** The endpoint of a model vLLM may serve ends with /v1. */
    public static final Check<Vllm404> ENDPOINT = Check.forEachModel(
            "endpointEndsWithV1", "The model endpoint ends with /v1", ModelKind.VLLM, Gate.NONE, Vllm404::endpoint);

    public static final Check<Vllm404> SERVED_NAME = Check.forEachModel(
            "servedNameIsListed",
            "The model server serves the name the AI gateway asks for",
            ModelKind.VLLM,
            Gate.NONE,
            Vllm404::servedName);
    public static final Declaration<Vllm404> SECTION = Declaration.of(Sections.VLLM_404, Vllm404::new)
            .dependsOn(Sections.TLS, Sections.MODEL_REACHABLE)
            .checks(ENDPOINT, SERVED_NAME);

    private final Probes probes;
    private final ModelServerClient modelServer;

    private Vllm404(Probes probes) {
        this.probes = probes;
        this.modelServer = probes.modelServers();
    }

    private Condition endpoint(Environment.Model model) {
        if (!model.mayBeVllm() || model.endpointEndsWithV1()) {
            return Condition.holds();
        }
        Optional<String> notVllm = notVllm(model);
        if (notVllm.isPresent()) {
            return Condition.notApplicable(notVllm.get());
        }
        return Condition.broken(new Failure(
                Sections.VLLM_404,
                "missing-v1",
                "endpoint of model '" + model.name() + "'",
                model.endpoint().orElseThrow().toString().replaceAll("/+$", "") + "/v1",
                model.endpoint().orElseThrow() + " lacks /v1"));
    }

    private Condition servedName(Environment.Model model) {
        if (!model.endpointEndsWithV1()) {
            return Condition.unknown("the endpoint lacks /v1 (see the other check of this section)");
        }
        Exchange models = modelServer.models(model);
        Optional<Condition> unusable = Answers.unusable(models, Sections.VLLM_404);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        List<String> served = servedNames(models);
        if (models.status() != 200 || served == null) {
            return probes.firstBroken(() -> probes.outcome(ModelReachableFromAiGateway.ANSWERS, model))
                    .orElseGet(() -> Condition.unknown("the served names could not be read: " + models.request()
                            + " answered " + models.outcome()));
        }
        Optional<String> notVllm = notVllm(model);
        if (notVllm.isPresent()) {
            return Condition.notApplicable(notVllm.get());
        }
        if (!served.contains(model.servedName())) {
            String expected = "data[].id contains '" + model.servedName() + "' ("
                    + model.identifier()
                            .map(id -> "the identifier " + id + " without its provider prefix")
                            .orElse("the family, as no identifier is set")
                    + ")";
            return Condition.broken(new Failure(
                    Sections.VLLM_404, "model-not-served", models.request(), expected, "data[].id = " + served));
        }
        return Condition.holds();
    }

    /** Why the model is not served by vLLM, when its undeclared OpenAI-compatible server lists no model owned by vllm. */
    private Optional<String> notVllm(Environment.Model model) {
        if (model.declaredPlatform().isPresent()) {
            return Optional.empty();
        }
        Exchange listing = modelServer.models(model);
        if (listing.status() == 200
                && listing.json().map(j -> !ModelPlatform.servesAsVllm(j)).orElse(false)) {
            return Optional.of("model '" + model.name() + "' runs on an OpenAI-compatible server that is not vLLM ("
                    + listing.request() + " lists no model owned_by vllm); vLLM 404 applies to vLLM");
        }
        return Optional.empty();
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
