package dev.duoconformance.rules.aigw;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.AiGatewayClient;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.rules.Answers;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.model.ModelAnswers;
import java.util.Optional;

/**
 * Section ai-gateway-can-request-model, the doc's own probe: with the troubleshooting bypass on, {@code POST
 * /v1/chat/agent} returns the model's answer. (Through GitLab: {@code rules.gitlab.ModelConnectionCheck}.)
 */
public final class AiGatewayCanRequestModel implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.AIGW_REQUESTS_MODEL, Sections.TLS,
            Sections.AIGW_PROCESSES_REQUESTS, Sections.BEDROCK_MODEL_ID, Sections.VLLM_404, Sections.MODEL_REACHABLE);

    private final Rules rules;
    private final Optional<AiGatewayClient> aiGateway;
    private final boolean bypassExpected;
    private final boolean gitlabConfigured;

    public AiGatewayCanRequestModel(Rules rules, Environment environment, Optional<AiGatewayClient> aiGateway) {
        this.rules = rules;
        this.aiGateway = aiGateway;
        this.bypassExpected = environment.aiGateway().map(Environment.AiGateway::authBypassExpected).orElse(false);
        this.gitlabConfigured = environment.gitlab().isPresent();
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    public Condition chat(Environment.Model model) {
        return rules.once(this, "chat:" + model.name(), () -> chatNow(model));
    }

    private Condition chatNow(Environment.Model model) {
        if (!bypassExpected) {
            String why = "the doc's direct probe POST /v1/chat/agent needs the troubleshooting bypass "
                    + "(AIGW_AUTH__BYPASS_EXTERNAL=true and ai_gateway.auth_bypass_expected: true)";
            // With GitLab configured, its model connection check covers the section: this probe is not a gap then.
            return gitlabConfigured ? Condition.notApplicable(why + "; GitLab's model connection check covers this section")
                    : Condition.unknown(why + "; configure gitlab so GitLab's model connection check can cover this section instead");
        }
        Optional<Condition> gatewayDown = rules.firstBroken(this, this::gatewayServes);
        if (gatewayDown.isPresent()) {
            return gatewayDown.get();
        }
        Exchange chat = aiGateway.orElseThrow().chatAgent(model);
        Optional<Condition> unusable = Answers.unusable(chat, Sections.AIGW_REQUESTS_MODEL);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        if (chat.status() == 200 && !chat.json().map(j -> j.path("response").asText("")).orElse("").isBlank()) {
            return Condition.holds();
        }
        if (chat.status() == 401) {
            return failure("auth-enforced", chat, "HTTP 200 {\"response\":…} (authentication bypassed while troubleshooting)", chat.outcome());
        }
        if (chat.status() == 422) {
            return failure("invalid-model", chat, "HTTP 200 for model family '" + model.family() + "'", chat.outcome());
        }
        String direct = model.hasOpenAiCompatibleEndpoint()
                ? " — while the model server answers this runner directly, so the gateway's configuration or its route to the model is at fault"
                : "";
        return rules.blame(this, new Failure(Sections.AIGW_REQUESTS_MODEL, "model-call-failed", chat.request(),
                "HTTP 200 {\"response\":…,\"metadata\":…}", chat.outcome() + direct), () -> modelAnswers(model));
    }

    private static Condition failure(String cause, Exchange exchange, String expected, String butWas) {
        return Condition.broken(new Failure(Sections.AIGW_REQUESTS_MODEL, cause, exchange.request(), expected, butWas));
    }

    // --- upstream conditions, owned by other sections ---------------------------------------------------

    private Condition gatewayServes() {
        return rules.get(AiGatewayCanProcessRequests.class).serves();
    }

    private Condition modelAnswers(Environment.Model model) {
        return rules.get(ModelAnswers.class).answers(model);
    }
}
