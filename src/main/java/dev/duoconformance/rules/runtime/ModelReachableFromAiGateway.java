package dev.duoconformance.rules.runtime;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.rules.Answers;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayInstance;
import java.net.URI;
import java.util.Optional;

/**
 * Section model-reachable-from-ai-gateway, from inside every instance of the AI gateway: the model server answers
 * {@code GET <endpoint>/models} there as it does from this runner. (From this runner: {@code rules.model.ModelAnswers}.)
 */
public final class ModelReachableFromAiGateway implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.MODEL_REACHABLE, Sections.LLM_SERVER_IN_CONTAINER,
            Sections.IMAGE_PLATFORM, Sections.TLS);
    private static final String SECTION = Sections.MODEL_REACHABLE;

    private final Rules rules;
    private final EachInstance each;
    private final ModelServerClient modelServer;

    public ModelReachableFromAiGateway(Rules rules, EachInstance each, ModelServerClient modelServer) {
        this.rules = rules;
        this.each = each;
        this.modelServer = modelServer;
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    public Condition answersInsideTheContainer(Environment.Model model) {
        return rules.once(this, "inside:" + model.name(), () -> each.judge(this, instance -> inside(model, instance)));
    }

    private Condition inside(Environment.Model model, GatewayInstance instance) {
        Optional<Condition> stopped = Running.stopped(instance).or(() -> rules.get(LlmServerInContainer.class).endpointIsTheContainer(model, instance));
        if (stopped.isPresent()) {
            return stopped.get();
        }
        URI models = URI.create(model.endpoint().orElseThrow().toString().replaceAll("/+$", "") + "/models");
        Optional<String> authorization = model.apiKey().isPresent() ? Optional.of("Bearer " + model.apiKey().reveal()) : Optional.empty();
        Exchange inside = instance.get(models, authorization).orElseThrow(Unknowable::new);
        Optional<Condition> unusable = Answers.unusable(inside, SECTION);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        if (inside.answered() && inside.status() == 200) {
            return Condition.holds();
        }
        Exchange outside = modelServer.models(model);
        String expected = outside.answered() ? "HTTP " + outside.status() + ", as this runner gets from " + outside.request()
                : "HTTP 200 {\"object\":\"list\",\"data\":[…]}";
        ContainerInfo container = instance.info();
        if (!inside.answered()) {
            return Condition.broken(each.failure(SECTION, outside.answered() ? "unreachable-from-container" : "unreachable",
                    inside.request(), expected + proxyHint(container), inside.outcome()));
        }
        if (outside.answered() && outside.status() != inside.status()) {
            return Condition.broken(each.failure(SECTION, "unreachable-from-container", inside.request(), expected
                    + " (something between the container and the model answers instead)" + proxyHint(container), inside.outcome()));
        }
        return Condition.holdsBecause("from inside " + instance.where() + " the model server answers HTTP " + inside.status()
                + (outside.answered() ? ", as it does from this runner (the other check of this section judges the answer)" : ""));
    }

    private static String proxyHint(ContainerInfo container) {
        String proxies = container.env().keySet().stream().filter(n -> n.matches("(?i)https?_proxy|all_proxy|no_proxy")).sorted()
                .reduce((a, b) -> a + ", " + b).orElse("");
        return proxies.isEmpty() ? "" : "; the container sets " + proxies;
    }
}
