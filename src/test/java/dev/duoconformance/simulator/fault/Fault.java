package dev.duoconformance.simulator.fault;

import dev.duoconformance.config.ConfigurationException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The documented faults the simulated deployment can carry ({@code -Ddemo.faults=<id>,…}). Each names the one
 * section it must make fail and the documented cause it must report; everything downstream is blocked, not failed.
 */
public enum Fault {
    GITLAB_DOWN(
            "gitlab-down",
            "nothing listens at the address gitlab.url gives this runner (GitLab is down, or the port is wrong)",
            "gitlab-reachable",
            "unreachable"),
    GITLAB_502(
            "gitlab-502",
            "GitLab's nginx answers every request with its 502 page \"Whoops, GitLab is taking too much time to respond\" "
                    + "(Puma is down or still starting)",
            "gitlab-reachable",
            "outage"),
    GITLAB_503(
            "gitlab-503",
            "GitLab answers every request with its 503 page \"Whoops, GitLab is currently unavailable\" (an upgrade "
                    + "or maintenance in progress)",
            "gitlab-reachable",
            "outage"),
    GITLAB_SSO_REDIRECT(
            "gitlab-sso-redirect",
            "a single sign-on proxy in front of GitLab redirects every request to /users/sign_in, "
                    + "API requests with a token included",
            "gitlab-reachable",
            "not-the-api"),
    AIGW_DOWN("aigw-down", "nothing listens on the AI gateway's port", "ai-gateway-can-process-requests", "unhealthy"),
    AIGW_UNHEALTHY(
            "aigw-unhealthy",
            "the AI gateway's reverse proxy answers 502: the gateway behind it is not serving",
            "ai-gateway-can-process-requests",
            "unhealthy"),
    AIGW_AUTH_BYPASSED(
            "aigw-auth-bypassed",
            "AIGW_AUTH__BYPASS_EXTERNAL=true although the environment expects authentication",
            "ai-gateway-can-process-requests",
            "auth-disabled"),
    AIGW_AUTH_ENFORCED(
            "aigw-auth-enforced",
            "the AI gateway enforces authentication although the environment expects the troubleshooting bypass",
            "ai-gateway-can-request-model",
            "auth-enforced"),
    AIGW_CUSTOM_MODELS_DISABLED(
            "aigw-custom-models-disabled",
            "AIGW_CUSTOM_MODELS__ENABLED is not true: the gateway refuses custom model endpoints",
            "ai-gateway-can-request-model",
            "model-call-failed"),
    AIGW_CANNOT_REACH_MODEL(
            "aigw-cannot-reach-model",
            "the AI gateway's network does not route to the model server (this runner's does)",
            "ai-gateway-can-request-model",
            "model-call-failed"),
    MODEL_FAMILY_UNKNOWN(
            "model-family-unknown",
            "the model's family is not one the AI gateway knows (422)",
            "ai-gateway-can-request-model",
            "invalid-model"),
    MODEL_FAMILY_NOT_IN_THIS_GITLAB(
            "model-family-not-in-this-gitlab",
            "the environment gives the chat model the family gemini, which "
                    + "GitLab has only from 18.11 (the demo presents 18.6; GitLab's stored model is made to match the file, as in model-family-unknown)",
            "ai-gateway-can-request-model",
            "invalid-model"),
    MODEL_DOWN(
            "model-down",
            "nothing listens on the model server's port",
            "model-reachable-from-ai-gateway",
            "unreachable"),
    MODEL_ERROR(
            "model-error",
            "the model server answers chat completions with HTTP 500",
            "model-reachable-from-ai-gateway",
            "bad-response"),
    MODEL_API_KEY_REJECTED(
            "model-api-key-rejected",
            "the model server rejects the configured API key (401)",
            "model-reachable-from-ai-gateway",
            "unauthorized"),
    MODEL_ECHOES_KEY_ENCODED(
            "model-echoes-key-encoded",
            "the model server rejects the API key (401) and echoes it back raw, base64-encoded, URL-encoded and JSON-escaped",
            "model-reachable-from-ai-gateway",
            "unauthorized"),
    MODEL_NAME_NOT_SERVED(
            "model-name-not-served",
            "vLLM serves the model under another --served-model-name",
            "vllm-404",
            "model-not-served"),
    MODEL_ENDPOINT_WITHOUT_V1(
            "model-endpoint-without-v1",
            "the model endpoint is configured without its /v1 suffix",
            "vllm-404",
            "missing-v1"),
    BEDROCK_ID_WITHOUT_REGION(
            "bedrock-id-without-region",
            "the Bedrock identifier lacks the region prefix of an inference profile",
            "bedrock-model-id",
            "missing-region-prefix"),
    AIGW_UNTRUSTED_CERTIFICATE(
            "aigw-untrusted-certificate",
            "the AI gateway's certificate is issued by a CA that is not in http.ca_bundle",
            "ai-gateway-tls",
            "untrusted-certificate"),
    AIGW_SELF_SIGNED_CERTIFICATE(
            "aigw-self-signed-certificate",
            "the AI gateway presents a self-signed certificate",
            "ai-gateway-tls",
            "untrusted-certificate"),
    AIGW_EXPIRED_CERTIFICATE(
            "aigw-expired-certificate", "the AI gateway's certificate has expired", "ai-gateway-tls", "expired"),
    AIGW_WRONG_HOST_CERTIFICATE(
            "aigw-wrong-host-certificate",
            "the AI gateway's certificate is issued for another host name",
            "ai-gateway-tls",
            "wrong-host"),
    AIGW_SILENT(
            "aigw-silent",
            "the AI gateway accepts connections and never answers",
            "ai-gateway-can-process-requests",
            "unhealthy"),
    AIGW_HOSTILE_HTML(
            "aigw-hostile-html",
            "the AI gateway's proxy answers 502 with an HTML page whose title and body hold <script> and <img onerror>",
            "ai-gateway-can-process-requests",
            "unhealthy"),
    AIGW_LOGIN_REDIRECT(
            "aigw-login-redirect",
            "the AI gateway URL leads to GitLab's web UI, which redirects to /users/sign_in",
            "ai-gateway-can-process-requests",
            "not-the-gateway"),
    AIGW_HTML_PAGE(
            "aigw-html-page",
            "the AI gateway URL leads to a reverse proxy's default page: 200 with HTML on every path",
            "ai-gateway-can-process-requests",
            "not-the-gateway"),
    AIGW_RATE_LIMITED(
            "aigw-rate-limited", "the AI gateway answers the model probe with 429 and Retry-After", null, null),
    MODEL_UNREACHABLE_FROM_RUNNER(
            "model-unreachable-from-runner",
            "a network policy admits only the AI gateway to the model server: "
                    + "this runner's connections are closed unanswered, the gateway's are served (not a fault: GitLab's connection check reaches "
                    + "the model)",
            null,
            null),
    MODEL_SILENT(
            "model-silent",
            "the model server accepts connections and never answers",
            "model-reachable-from-ai-gateway",
            "unreachable"),
    MODEL_INVALID_JSON(
            "model-invalid-json",
            "the model server's chat completion is truncated, invalid JSON",
            "model-reachable-from-ai-gateway",
            "bad-response"),
    MODEL_EMPTY_BODY(
            "model-empty-body",
            "the model server answers chat completions with 200 and an empty body",
            "model-reachable-from-ai-gateway",
            "bad-response"),
    MODEL_HUGE_BODY(
            "model-huge-body",
            "the model server answers GET /v1/models with a 20 MiB body",
            "model-reachable-from-ai-gateway",
            "bad-response"),
    MODEL_STALLED_BODY(
            "model-stalled-body",
            "the model server sends the headers of GET /v1/models (Content-Length: 100000) and one byte, then nothing",
            "model-reachable-from-ai-gateway",
            "unreachable"),
    MODEL_TRICKLING_BODY(
            "model-trickling-body",
            "the model server sends GET /v1/models's body (Content-Length: 100000) one byte a second",
            "model-reachable-from-ai-gateway",
            "unreachable"),
    MODEL_TRICKLING_CHUNKED_BODY(
            "model-trickling-chunked-body",
            "the model server sends GET /v1/models's chunked body one byte a second",
            "model-reachable-from-ai-gateway",
            "unreachable"),
    MODEL_ENDLESS_BODY(
            "model-endless-body",
            "the model server answers GET /v1/models with a chunked body that never ends",
            "model-reachable-from-ai-gateway",
            "bad-response"),
    MODEL_GZIP_BOMB(
            "model-gzip-bomb",
            "the model server answers GET /v1/models with 1 MB of gzip that inflates to 1 GiB",
            "model-reachable-from-ai-gateway",
            "bad-response"),
    GITLAB_AIGW_URL_UNSET(
            "gitlab-aigw-url-unset",
            "GitLab has no AI gateway URL (Local AI Gateway URL is empty)",
            "ai-gateway-url",
            "unset"),
    GITLAB_AIGW_URL_WRONG(
            "gitlab-aigw-url-wrong",
            "GitLab's AI gateway URL points elsewhere than the environment's expected_url",
            "ai-gateway-url",
            "wrong"),
    FEATURE_VENDORED(
            "feature-vendored",
            "Code Suggestions is set to a GitLab AI vendor model instead of the self-hosted one (18.3+)",
            "instance-uses-self-hosted-models",
            "feature-not-self-hosted"),
    FEATURE_DISABLED(
            "feature-disabled",
            "Code Suggestions is set to Disabled in AI-native features",
            "instance-uses-self-hosted-models",
            "feature-not-self-hosted"),
    GITLAB_MODEL_MISSING(
            "gitlab-model-missing",
            "GitLab has no self-hosted model by the environment's model name",
            "instance-uses-self-hosted-models",
            "model-missing"),
    GITLAB_MODEL_ENDPOINT_DIFFERS(
            "gitlab-model-endpoint-differs",
            "GitLab's self-hosted model has another endpoint than the environment's",
            "instance-uses-self-hosted-models",
            "model-differs"),
    LICENSE_EXPIRED(
            "license-expired",
            "the GitLab license has expired",
            "user-can-request-code-suggestions",
            "license-invalid"),
    NO_ADD_ON(
            "no-add-on",
            "the instance has no GitLab Duo Enterprise add-on",
            "user-can-request-code-suggestions",
            "no-add-on"),
    NO_SEAT(
            "no-seat", "the Duo user holds no GitLab Duo Enterprise seat",
            "code-suggestions-access-error", "no-seat"),
    USER_WITHOUT_ACCESS(
            "user-without-access",
            "GitLab denies the Duo user Code Suggestions although license, add-on, seat and features are in order",
            "user-can-request-code-suggestions",
            "user-not-available"),
    GITLAB_CANNOT_REACH_AIGW(
            "gitlab-cannot-reach-aigw",
            "GitLab's network does not route to the AI gateway (this runner's does)",
            "gitlab-can-reach-ai-gateway",
            "unreachable"),
    AIGW_REJECTS_GITLAB_TOKENS(
            "aigw-rejects-gitlab-tokens",
            "the AI gateway's AIGW_GITLAB_URL is wrong, so it cannot fetch GitLab's JWKS and answers GitLab with 401",
            "gitlab-can-reach-ai-gateway",
            "direct-access-failed"),
    AGENT_PLATFORM_URL_WITH_SCHEME(
            "agent-platform-url-with-scheme",
            "the Agent Platform service URL starts with http:// (18.4+)",
            "agent-platform-service-url",
            "has-scheme"),
    HEALTH_CHECK_401(
            "health-check-401",
            "the GitLab Duo health check reports a 401 from the AI gateway while real requests work (gitlab-org/gitlab#517097)",
            "duo-health-check",
            "known-issue-401"),
    COMPLETE_CODE_NOT_ALLOWED(
            "complete-code-not-allowed",
            "GitLab's allowed_to_use?(:code_suggestions, unit_primitive_name: "
                    + "complete_code) refuses the user while can?(:access_code_suggestions), which duoCodeSuggestionsAvailable reads, allows "
                    + "them: the completion answers 401 from GitLab",
            "gitlab-can-request-model",
            "user-has-no-access"),
    HEALTH_CHECK_NO_COMPATIBLE_RUNNER(
            "health-check-no-compatible-runner",
            "flows are allowed and no instance runner of the flows' tag "
                    + "is registered: the foundational flows' compatible_runner_probe fails (GitLab 18.10+, -Ddemo.gitlab.version=18.10)",
            "duo-health-check",
            "no-compatible-runner",
            Map.of("demo.gitlab.version", "18.10")),
    HEALTH_CHECK_FLOWS_OFF(
            "health-check-flows-off",
            "flow execution and foundational flows are turned off, and no runner is registered for "
                    + "them: a choice, informational (not a fault; GitLab 18.10+, -Ddemo.gitlab.version=18.10)",
            null,
            null,
            Map.of("demo.gitlab.version", "18.10")),
    HEALTH_CHECK_BILLING_OFFLINE(
            "health-check-billing-offline",
            "self-hosted Agent Platform usage billing is on and GitLab cannot reach "
                    + "its cloud hosts: the billing probes fail (GitLab 18.10+, -Ddemo.gitlab.version=18.10)",
            "duo-health-check",
            "usage-billing-unreachable",
            Map.of("demo.gitlab.version", "18.10")),
    HEALTH_CHECK_UNKNOWN_PROBE(
            "health-check-unknown-probe",
            "a probe of a later GitLab release, which the suite does not know, fails",
            "duo-health-check",
            "probe-failed"),
    AGENT_PLATFORM_CLOUD_BLOCKED(
            "agent-platform-cloud-blocked",
            "duo_agent_platform uses a GitLab AI vendor model, and GitLab's firewall "
                    + "blocks GitLab's Agent Platform service (duo-workflow-svc.runway.gitlab.net): the cloud-connected duo_agent_platform_probe fails",
            "duo-health-check",
            "cloud-agent-platform-unreachable"),
    CODE_SUGGESTIONS_SWITCHED_OFF(
            "code-suggestions-switched-off",
            "the ops flag ai_duo_code_suggestions_switch is off: GitLab answers Code Suggestions with 404",
            "gitlab-can-request-model",
            "code-suggestions-switched-off"),
    GITLAB_TOKEN_NOT_ADMIN(
            "gitlab-token-not-admin",
            "gitlab.admin_token belongs to a user who is not an administrator (no section fails; admin checks are not checked)",
            null,
            null),
    GITLAB_ADMIN_MODE_REQUIRED(
            "gitlab-admin-mode-required",
            "Admin Mode is on and gitlab.admin_token lacks the admin_mode scope (no section fails; admin checks are not checked)",
            null,
            null),
    GITLAB_ADMIN_TOKEN_WITHOUT_API(
            "gitlab-admin-token-without-api",
            "gitlab.admin_token has read_api and admin_mode but not api, so "
                    + "GitLab refuses the connection check, a mutation (no section fails; the connection checks are not checked, saying so)",
            null,
            null),
    GITLAB_GRAPHQL_ERRORS(
            "gitlab-graphql-errors",
            "GitLab answers every GraphQL query with errors[] \"Internal server error\" (no section can be judged; the GraphQL checks are not checked, saying so)",
            null,
            null),
    GITLAB_BEHIND_PATH_PREFIX(
            "gitlab-behind-path-prefix",
            "GitLab is served under https://host/gitlab (not a fault: every GitLab check must work there)",
            null,
            null),
    DIRECT_ACCESS_RATE_LIMITED(
            "direct-access-rate-limited",
            "the user has used up direct_access's rate limit (no section fails; the probe is not checked)",
            null,
            null),
    // In the AI gateway's container: with -Ddemo.runtime=docker only.
    CUSTOM_MODELS_OFF(
            "custom-models-off",
            "the AI gateway container runs with AIGW_CUSTOM_MODELS__ENABLED=false (with -Ddemo.runtime=docker)",
            "ai-gateway-env-vars",
            "custom-models-disabled"),
    CONTAINER_GITLAB_URL_WRONG(
            "container-gitlab-url-wrong",
            "the AI gateway container's AIGW_GITLAB_URL names another GitLab (with -Ddemo.runtime=docker)",
            "ai-gateway-env-vars",
            "gitlab-url-mismatch"),
    IMAGE_PLATFORM_MISMATCH(
            "image-platform-mismatch",
            "the AI gateway container runs an arm64 image on this amd64 engine (with -Ddemo.runtime=docker)",
            "image-platform-mismatch",
            "mismatch"),
    CONTAINER_CA_VARIABLES_MISSING(
            "container-ca-variables-missing",
            "the AI gateway container has neither SSL_CERT_FILE nor REQUESTS_CA_BUNDLE for the private CA (with -Ddemo.runtime=docker)",
            "ai-gateway-tls",
            "ca-variables-missing"),
    GITLAB_INDIRECT_CONNECTIONS(
            "gitlab-indirect-connections",
            "the instance uses indirect connections: direct_access answers 403 "
                    + "\"Direct connections are disabled\" (not a fault: the route is proved by a completion)",
            null,
            null),
    GITLAB_COMPLETIONS_RATE_LIMITED(
            "gitlab-completions-rate-limited",
            "GitLab itself rate-limits the user's Code Suggestions completions "
                    + "(429 with X-GitLab-Error-Origin: monolith; no section fails, the completion is not checked)",
            null,
            null),
    GITLAB_HYBRID(
            "gitlab-hybrid",
            "a feature outside the environment file uses a GitLab AI vendor model, so the health check also runs "
                    + "the cloud probes, which pass (not a fault)",
            null,
            null),
    GITLAB_HYBRID_OFFLINE(
            "gitlab-hybrid-offline",
            "hybrid, and GitLab cannot reach cloud.gitlab.com and customers.gitlab.com",
            "duo-health-check",
            "cloud-probe-failed"),
    GITLAB_HEALTH_CHECK_NO_GATEWAY_PROBE(
            "gitlab-health-check-no-gateway-probe",
            "the health check runs only the cloud probes, none of "
                    + "the AI gateway's host (an older GitLab or license; no section fails, the probe check is not checked)",
            null,
            null),
    MODEL_AZURE(
            "model-azure",
            "the completion model is an Azure OpenAI deployment, azure/gpt-4o (not a fault: vLLM rules do not apply)",
            null,
            null),
    BEDROCK_ON_DEMAND_ID(
            "bedrock-on-demand-id",
            "the Bedrock model is the doc's bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0, "
                    + "served on demand without a region prefix (not a fault)",
            null,
            null),
    BEDROCK_ARN(
            "bedrock-arn",
            "the Bedrock model is an application inference profile ARN behind bedrock/ (not a fault)",
            null,
            null),
    BEDROCK_ARN_WITHOUT_PREFIX(
            "bedrock-arn-without-prefix",
            "the Bedrock model is an application inference profile ARN without the "
                    + "bedrock/ prefix, so the AI gateway finds no LiteLLM provider",
            "bedrock-model-id",
            "arn-without-provider-prefix"),
    CHAT_A1000(
            "chat-a1000",
            "the AI gateway never answers Duo Chat, so GitLab's request times out and Chat answers with A1000 "
                    + "(seen only with -Dchat=true)",
            "error-a1000",
            "timeout",
            Map.of("chat", "true")),
    CHAT_MODEL_ERROR(
            "chat-model-error",
            "the AI gateway answers Duo Chat with 500, so Chat answers with A9999 " + "(seen only with -Dchat=true)",
            "duo-chat",
            "chat-error",
            Map.of("chat", "true")),
    MODEL_SLOW(
            "model-slow",
            "the model answers chat completions correctly, after 7.5 s: longer than GitLab's 3 s connection check",
            "ai-gateway-can-request-model",
            "slower-than-gitlab-timeout"),
    MODEL_EMPTY_COMPLETION(
            "model-empty-completion",
            "the model answers text completions, which Code Suggestions uses, with empty "
                    + "text, while its chat completions answer",
            "gitlab-can-request-model",
            "empty-suggestion"),
    MODEL_TEXT_COMPLETIONS_FAILING(
            "model-text-completions-failing",
            "the model server fails text completions, which Code Suggestions "
                    + "uses, with HTTP 500, while its chat completions (which every probe uses) answer",
            "gitlab-can-request-model",
            "ai-gateway-path"),
    MODEL_CONTEXT_TOO_SHORT(
            "model-context-too-short",
            "vLLM runs with --max-model-len 1024, so it refuses the connection check's "
                    + "chat request (max_tokens 2048) with 400 while short requests answer",
            "ai-gateway-can-request-model",
            "connection-check-failed"),
    MODEL_REASONING(
            "model-reasoning",
            "a reasoning model spends the probe's 16 tokens on reasoning: empty content, reasoning_content, "
                    + "finish_reason length (not a fault: the model answered)",
            null,
            null),
    GITLAB_MODEL_FAMILY_DIFFERS(
            "gitlab-model-family-differs",
            "GitLab stores the completion model with family codegemma while the "
                    + "environment file says mistral (its connection check, built from the file's values, still succeeds)",
            "instance-uses-self-hosted-models",
            "model-family-differs"),
    GITLAB_MODEL_API_KEY_MISSING(
            "gitlab-model-api-key-missing",
            "GitLab stores the completion model without an API key, which the " + "model server needs",
            "instance-uses-self-hosted-models",
            "api-key-missing"),
    GITLAB_BETA_TERMS_NOT_ACCEPTED(
            "gitlab-beta-terms-not-accepted",
            "the environment lists the beta feature generate_commit_message, and "
                    + "\"Use beta models and features in GitLab Duo Self-Hosted\" is off, so GitLab does not offer it",
            "feature-not-accessible",
            "beta-not-enabled"),
    GITLAB_PREMIUM_LICENSE(
            "gitlab-premium-license",
            "the environment lists resolve_vulnerability on a Premium license, which does not offer it",
            "feature-not-accessible",
            "not-in-premium"),
    GITLAB_ADMIN_WITHOUT_SEAT(
            "gitlab-admin-without-seat",
            "the administrator of gitlab.admin_token holds no GitLab Duo seat, so the "
                    + "health check's license probe fails for them (not a fault of the deployment: the health check is not checked)",
            null,
            null),
    AGENT_PLATFORM_SECURE_WITHOUT_TLS(
            "agent-platform-secure-without-tls",
            "GitLab speaks TLS to an Agent Platform service without TLS " + "(DUO_AGENT_PLATFORM_SERVICE_SECURE unset)",
            "agent-platform-auth-token",
            "secure-without-tls"),
    AGENT_PLATFORM_UNTRUSTED_CERTIFICATE(
            "agent-platform-untrusted-certificate",
            "the Agent Platform service presents a certificate "
                    + "GitLab does not trust (its private CA is not in GitLab's trust store)",
            "agent-platform-auth-token",
            "certificate-not-trusted"),
    AGENT_PLATFORM_SECURE_WITHOUT_TLS_SETTING(
            "agent-platform-secure-without-tls-setting",
            "GitLab 18.10: `Use TLS for the GitLab Duo "
                    + "Agent Platform service` is on (the default) and the service has no TLS (-Ddemo.gitlab.version=18.10)",
            "agent-platform-auth-token",
            "secure-without-tls-setting",
            Map.of("demo.gitlab.version", "18.10")),
    AGENT_PLATFORM_TLS_OFF_BY_SETTING(
            "agent-platform-tls-off-by-setting",
            "GitLab 18.10: the service has no TLS and `Use TLS for the GitLab "
                    + "Duo Agent Platform service` is off, as the 18.10 doc says, with DUO_AGENT_PLATFORM_SERVICE_SECURE unset: flows work and "
                    + "list_tools still speaks TLS (not a fault; -Ddemo.gitlab.version=18.10)",
            null,
            null,
            Map.of("demo.gitlab.version", "18.10")),
    AGENT_PLATFORM_REJECTS_TOKEN(
            "agent-platform-rejects-token",
            "the Agent Platform service answers GitLab with gRPC status 16 "
                    + "(UNAUTHENTICATED): it cannot verify GitLab's token",
            "agent-platform-auth-token",
            "token-rejected"),
    AGENT_PLATFORM_DEADLINE_EXCEEDED(
            "agent-platform-deadline-exceeded",
            "the Agent Platform service answers GitLab's list_tools with gRPC " + "status 4 (DEADLINE_EXCEEDED)",
            "agent-platform-auth-token",
            "grpc-error"),
    AGENT_PLATFORM_SPLIT_WITH_TLS(
            "agent-platform-split-with-tls",
            "Agentic Chat on a self-hosted model, the other agents on a GitLab AI "
                    + "vendor model, and a self-hosted Agent Platform service with TLS (not a fault)",
            null,
            null),
    AGENT_PLATFORM_SPLIT_WITHOUT_TLS(
            "agent-platform-split-without-tls",
            "Agentic Chat on a self-hosted model, the other agents on a GitLab "
                    + "AI vendor model, and a self-hosted service without TLS with DUO_AGENT_PLATFORM_SERVICE_SECURE=false (up to 18.9: known issue "
                    + "gitlab-org/gitlab#590454)",
            "agent-platform-auth-token",
            "known-issue-590454"),
    AGENT_PLATFORM_DOWN(
            "agent-platform-down",
            "nothing listens on the Agent Platform service's port",
            "agent-platform-auth-token",
            "service-unreachable"),
    DUO_CHAT_VENDORED(
            "duo-chat-vendored",
            "duo_chat, which the environment assigns to the self-hosted Bedrock model, is set to a "
                    + "GitLab AI vendor model (an online instance: the cloud probes pass)",
            "feature-not-accessible",
            "feature-not-self-hosted"),
    CHAT_SUB_FEATURE_BEHIND_FLAG(
            "chat-sub-feature-behind-flag",
            "the environment lists the Chat sub-feature duo_chat_explain_code on "
                    + "GitLab 17.9, which offers it only behind the feature flag ai_duo_chat_sub_features_settings (off; 17.10 offers it)",
            "feature-not-accessible",
            "chat-sub-features-flagged",
            Map.of("demo.gitlab.version", "17.9")),
    DUO_CHAT_NOT_OFFERED(
            "duo-chat-not-offered",
            "GitLab does not offer the stable feature duo_chat for self-hosted models (its unit "
                    + "primitive is missing, which the doc sends to GitLab Support)",
            "feature-not-accessible",
            "manual-steps");

    /** The faults of the AI gateway's container, which only a demo with -Ddemo.runtime=docker has. */
    public static final Set<Fault> IN_CONTAINER = EnumSet.of(
            CUSTOM_MODELS_OFF, CONTAINER_GITLAB_URL_WRONG, IMAGE_PLATFORM_MISMATCH, CONTAINER_CA_VARIABLES_MISSING);

    private final String id;
    private final String description;
    private final String breaks;
    private final String cause;
    private final Map<String, String> shownWith;

    Fault(String id, String description, String breaks, String cause) {
        this(id, description, breaks, cause, Map.of());
    }

    Fault(String id, String description, String breaks, String cause, Map<String, String> shownWith) {
        this.id = id;
        this.description = description;
        this.breaks = breaks;
        this.cause = cause;
        this.shownWith = shownWith;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The section this fault must make fail; null for a fault that fails no section and only leaves checks "not checked". */
    public String breaks() {
        return breaks;
    }

    /** The documented cause that section must report. */
    public String cause() {
        return cause;
    }

    /** The run parameters without which the fault shows nothing (an opt-in check it needs), as the self-tests set them. */
    public Map<String, String> shownWith() {
        return shownWith;
    }

    public static List<Fault> parse(List<String> ids) {
        return ids.stream()
                .map(id -> Arrays.stream(values())
                        .filter(f -> f.id.equals(id))
                        .findFirst()
                        .orElseThrow(() -> new ConfigurationException(
                                "Unknown fault '" + id + "' in -Ddemo.faults. Faults the demo can simulate:\n"
                                        + Arrays.stream(values())
                                                .map(f -> "  " + f.id + " — " + f.description)
                                                .collect(Collectors.joining("\n")))))
                .toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
