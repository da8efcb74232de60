package dev.duoconformance.rules;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.AiGatewayClient;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.http.TlsInspector;
import dev.duoconformance.rules.aigw.AiGatewayCanProcessRequests;
import dev.duoconformance.rules.aigw.AiGatewayCanRequestModel;
import dev.duoconformance.rules.console.VerifyGitlabSetup;
import dev.duoconformance.rules.gitlab.AgentPlatformAuthToken;
import dev.duoconformance.rules.gitlab.AgentPlatformServiceUrl;
import dev.duoconformance.rules.gitlab.AiGatewayUrl;
import dev.duoconformance.rules.gitlab.AiLogging;
import dev.duoconformance.rules.gitlab.CodeSuggestionsAccessError;
import dev.duoconformance.rules.gitlab.DuoChat;
import dev.duoconformance.rules.gitlab.DuoHealthCheck;
import dev.duoconformance.rules.gitlab.ErrorA1000;
import dev.duoconformance.rules.gitlab.FeatureNotAccessible;
import dev.duoconformance.rules.gitlab.GitLabCanReachAiGateway;
import dev.duoconformance.rules.gitlab.GitLabCanRequestModel;
import dev.duoconformance.rules.gitlab.GitLabReachable;
import dev.duoconformance.rules.gitlab.InstanceUsesSelfHostedModels;
import dev.duoconformance.rules.gitlab.ModelConnectionCheck;
import dev.duoconformance.rules.gitlab.UserCanRequestCodeSuggestions;
import dev.duoconformance.rules.model.BedrockModelId;
import dev.duoconformance.rules.model.ModelAnswers;
import dev.duoconformance.rules.model.Vllm404;
import dev.duoconformance.rules.runtime.AiGatewayCanReachGitlab;
import dev.duoconformance.rules.runtime.AiGatewayEnvVars;
import dev.duoconformance.rules.runtime.AiGatewayLogs;
import dev.duoconformance.rules.runtime.AiGatewayTls;
import dev.duoconformance.rules.runtime.DebuggingScripts;
import dev.duoconformance.rules.runtime.EachInstance;
import dev.duoconformance.rules.runtime.ImagePlatformMismatch;
import dev.duoconformance.rules.runtime.LlmServerInContainer;
import dev.duoconformance.rules.runtime.ModelReachableFromAiGateway;
import dev.duoconformance.runtime.GatewayRuntime;
import java.util.List;
import java.util.Optional;

/** Every rule of the suite, by component: the sections they own with their declared upstreams, and the rules of one run. */
public final class RuleBook {
    private RuleBook() {}

    /** The sections every rule of the suite owns, with the upstream sections each declares. */
    public static List<Rule.Declaration> declarations() {
        return List.of(AiGatewayCanProcessRequests.DECLARED, AiGatewayCanRequestModel.DECLARED, ModelAnswers.DECLARED,
                Vllm404.DECLARED, BedrockModelId.DECLARED,
                GitLabReachable.DECLARED, UserCanRequestCodeSuggestions.DECLARED, CodeSuggestionsAccessError.DECLARED, InstanceUsesSelfHostedModels.DECLARED,
                FeatureNotAccessible.DECLARED, AiGatewayUrl.DECLARED, GitLabCanReachAiGateway.DECLARED, GitLabCanRequestModel.DECLARED,
                ModelConnectionCheck.DECLARED, DuoHealthCheck.DECLARED, AgentPlatformServiceUrl.DECLARED, AgentPlatformAuthToken.DECLARED,
                AiLogging.DECLARED, ErrorA1000.DECLARED, DuoChat.DECLARED, VerifyGitlabSetup.DECLARED,
                // the runtime rules
                AiGatewayEnvVars.DECLARED, ImagePlatformMismatch.DECLARED, LlmServerInContainer.DECLARED, AiGatewayTls.DECLARED,
                AiGatewayCanReachGitlab.DECLARED, ModelReachableFromAiGateway.DECLARED, AiGatewayLogs.DECLARED, DebuggingScripts.DECLARED);
    }

    /**
     * Every rule of the run, by component; the GitLab rules only when the environment describes a GitLab, the runtime
     * rules only when it gives access to the AI gateway's runtime (ai-gateway-tls always: half of it is judged from here).
     */
    public static Rules forRun(Environment environment, Optional<AiGatewayClient> aiGateway, ModelServerClient modelServers,
                               Optional<GitLabClient> gitlab, TlsInspector tls, Optional<GatewayRuntime> runtime) {
        Rules rules = new Rules();
        rules.add(new AiGatewayCanProcessRequests(rules, environment, aiGateway))
                .add(new AiGatewayCanRequestModel(rules, environment, aiGateway))
                .add(new ModelAnswers(rules, modelServers, gitlab.isPresent()
                        ? model -> rules.get(ModelConnectionCheck.class).reachedTheModel(model) : ModelAnswers.GatewayVantage.NONE))
                .add(new Vllm404(rules, modelServers))
                .add(new BedrockModelId());
        gitlab.ifPresent(g -> rules
                .add(new GitLabReachable(rules, g))
                .add(new UserCanRequestCodeSuggestions(rules, environment, g))
                .add(new CodeSuggestionsAccessError(rules, environment, g))
                .add(new InstanceUsesSelfHostedModels(rules, environment, g))
                .add(new FeatureNotAccessible(rules, environment, g))
                .add(new AiGatewayUrl(rules, environment, g))
                .add(new GitLabCanReachAiGateway(rules, environment, g))
                .add(new GitLabCanRequestModel(rules, environment, g))
                .add(new ModelConnectionCheck(rules, environment, g))
                .add(new DuoHealthCheck(rules, environment, g))
                .add(new AgentPlatformServiceUrl(rules, g))
                .add(new AgentPlatformAuthToken(rules, g, tls))
                .add(new AiLogging(rules, g))
                .add(new ErrorA1000(rules, environment, g, modelServers))
                .add(new DuoChat(rules, g)));
        Optional<EachInstance> instances = runtime.map(r -> new EachInstance(rules, r));
        rules.add(new AiGatewayTls(rules, environment, tls, instances));
        instances.ifPresent(each -> rules
                .add(new AiGatewayEnvVars(rules, each, environment))
                .add(new ImagePlatformMismatch(rules, each))
                .add(new LlmServerInContainer(rules, each, environment))
                .add(new AiGatewayCanReachGitlab(rules, each))
                .add(new ModelReachableFromAiGateway(rules, each, modelServers))
                .add(new AiGatewayLogs(rules, each))
                .add(new DebuggingScripts(rules, each)));
        return rules;
    }
}
