package dev.duoconformance.sections;

import dev.duoconformance.rules.Declaration;
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
import dev.duoconformance.rules.gitlab.UserCanRequestCodeSuggestions;
import dev.duoconformance.rules.model.BedrockModelId;
import dev.duoconformance.rules.model.ModelReachableFromAiGateway;
import dev.duoconformance.rules.model.Vllm404;
import dev.duoconformance.rules.runtime.AiGatewayCanReachGitlab;
import dev.duoconformance.rules.runtime.AiGatewayEnvVars;
import dev.duoconformance.rules.runtime.AiGatewayLogs;
import dev.duoconformance.rules.runtime.AiGatewayTls;
import dev.duoconformance.rules.runtime.DebuggingScripts;
import dev.duoconformance.rules.runtime.ImagePlatformMismatch;
import dev.duoconformance.rules.runtime.LlmServerInContainer;
import java.util.List;

/** Every section the suite automates: the one list of declarations the engine, the check classes and the docs read. */
public final class AllSections {
    public static final List<Declaration<?>> DECLARED = List.of(
            GitLabReachable.SECTION,
            AiGatewayTls.SECTION,
            AiGatewayCanProcessRequests.SECTION,
            AiGatewayCanRequestModel.SECTION,
            ModelReachableFromAiGateway.SECTION,
            Vllm404.SECTION,
            BedrockModelId.SECTION,
            UserCanRequestCodeSuggestions.SECTION,
            CodeSuggestionsAccessError.SECTION,
            InstanceUsesSelfHostedModels.SECTION,
            FeatureNotAccessible.SECTION,
            AiGatewayUrl.SECTION,
            GitLabCanReachAiGateway.SECTION,
            GitLabCanRequestModel.SECTION,
            DuoHealthCheck.SECTION,
            AgentPlatformServiceUrl.SECTION,
            AgentPlatformAuthToken.SECTION,
            AiLogging.SECTION,
            ErrorA1000.SECTION,
            DuoChat.SECTION,
            VerifyGitlabSetup.SECTION,
            AiGatewayEnvVars.SECTION,
            ImagePlatformMismatch.SECTION,
            LlmServerInContainer.SECTION,
            AiGatewayCanReachGitlab.SECTION,
            AiGatewayLogs.SECTION,
            DebuggingScripts.SECTION);

    private AllSections() {}

    public static Declaration<?> declaration(String section) {
        return DECLARED.stream()
                .filter(d -> d.id().equals(section))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no section " + section + " is declared"));
    }
}
