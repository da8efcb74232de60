package dev.duoconformance.rules.gitlab;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.aigw.AiGatewayCanProcessRequests;
import dev.duoconformance.rules.model.ModelAnswers;

/** The conditions the GitLab rules consult upstream of their own, each owned by another section's rule. */
final class GitLabUpstream {
    private final Rules rules;

    GitLabUpstream(Rules rules) {
        this.rules = rules;
    }

    Condition completion() {
        return rules.get(GitLabCanRequestModel.class).completion();
    }

    Condition connectionCheck(Environment.Model model) {
        return rules.get(ModelConnectionCheck.class).connectionCheck(model);
    }

    Condition directAccess() {
        return rules.get(GitLabCanReachAiGateway.class).directAccess();
    }

    Condition entitlement() {
        return rules.get(UserCanRequestCodeSuggestions.class).entitlement();
    }

    Condition gatewayServes() {
        return rules.get(AiGatewayCanProcessRequests.class).serves();
    }

    Condition gatewayUrl() {
        return rules.get(AiGatewayUrl.class).gatewayUrl();
    }

    Condition hostProbe() {
        return rules.get(GitLabCanReachAiGateway.class).hostProbe();
    }

    Condition modelAnswers(Environment.Model model) {
        return rules.get(ModelAnswers.class).answers(model);
    }

    Condition refusedByGitLab(Exchange exchange) {
        return rules.get(GitLabCanRequestModel.class).refusedByGitLab(exchange);
    }

    Condition seat() {
        return rules.get(CodeSuggestionsAccessError.class).seat();
    }

    Condition selfHostedConfiguration() {
        return rules.get(InstanceUsesSelfHostedModels.class).selfHostedConfiguration();
    }

    Condition userAccess() {
        return rules.get(UserCanRequestCodeSuggestions.class).userAccess();
    }
}
