package dev.duoconformance.checks.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.config.Environment;
import dev.duoconformance.config.ModelPlatform;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.junit.ModelUnderCheck;
import dev.duoconformance.junit.ModelsUnderCheck;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Sections;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@DocSection("vllm-404")
@Tag("model")
@Tag("vllm-404")
@DisplayName("vLLM 404 Error")
class Vllm404Check {

    @ForEachModel(ModelsUnderCheck.Kind.VLLM)
    @DisplayName("The model endpoint ends with /v1")
    void endpointEndsWithV1(ModelUnderCheck modelUnderCheck, Verdict verdict) {
        Environment.Model model = modelUnderCheck.get();
        if (!model.endpointEndsWithV1()) {
            throw verdict.failed("missing-v1", "endpoint of model '" + model.name() + "'", "http(s)://{host}:{port}/v1",
                    model.endpoint().orElseThrow().toString());
        }
    }

    @ForEachModel(ModelsUnderCheck.Kind.VLLM)
    @DisplayName("The model server serves the name the AI gateway asks for")
    void servedNameIsListed(ModelUnderCheck modelUnderCheck, ModelServerClient modelServer, Verdict verdict) {
        Environment.Model model = modelUnderCheck.get();
        if (!model.endpointEndsWithV1()) {
            throw verdict.notChecked("the endpoint lacks /v1 (see the other check of this section)");
        }
        Exchange models = verdict.usable(modelServer.models(model));
        List<String> served = servedNames(models);
        if (models.status() != 200 || served == null) {
            throw verdict.blockedBy(Sections.MODEL_REACHABLE, models.request() + ": " + models.outcome());
        }
        if (model.declaredPlatform().isEmpty() && !ModelPlatform.servesAsVllm(models.json().orElseThrow())) {
            throw verdict.notChecked("model '" + model.name() + "' runs on an OpenAI-compatible server that is not vLLM (" + models.request()
                    + " lists no model owned_by vllm); vLLM 404 applies to vLLM");
        }
        if (!served.contains(model.servedName())) {
            String expected = "data[].id contains '" + model.servedName() + "' ("
                    + model.identifier().map(id -> "the identifier " + id + " without its provider prefix")
                            .orElse("the family, as no identifier is set") + ")";
            throw verdict.failed("model-not-served", models.request(), expected, "data[].id = " + served);
        }
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
