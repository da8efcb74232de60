package dev.duoconformance.rules;

/** Ids of the sections the rules own or name as their prerequisites. */
public final class Sections {
    /** The suite's own precondition (not a section of the doc): GitLab's API answers at gitlab.url. */
    public static final String GITLAB_REACHABLE = "gitlab-reachable";

    public static final String TLS = "ai-gateway-tls";
    public static final String AIGW_PROCESSES_REQUESTS = "ai-gateway-can-process-requests";
    public static final String MODEL_REACHABLE = "model-reachable-from-ai-gateway";
    public static final String VLLM_404 = "vllm-404";
    public static final String BEDROCK_MODEL_ID = "bedrock-model-id";
    public static final String AIGW_REQUESTS_MODEL = "ai-gateway-can-request-model";
    public static final String GITLAB_REQUESTS_MODEL = "gitlab-can-request-model";
    public static final String USER_CAN_REQUEST = "user-can-request-code-suggestions";
    public static final String ACCESS_ERROR = "code-suggestions-access-error";
    public static final String SELF_HOSTED_MODELS = "instance-uses-self-hosted-models";
    public static final String FEATURE_NOT_ACCESSIBLE = "feature-not-accessible";
    public static final String AIGW_URL = "ai-gateway-url";
    public static final String GITLAB_REACHES_AIGW = "gitlab-can-reach-ai-gateway";
    public static final String HEALTH_CHECK = "duo-health-check";
    public static final String AIGW_ENV_VARS = "ai-gateway-env-vars";
    public static final String LLM_SERVER_IN_CONTAINER = "llm-server-in-container";
    public static final String AIGW_REACHES_GITLAB = "ai-gateway-can-reach-gitlab";
    public static final String AGENT_PLATFORM_URL = "agent-platform-service-url";
    public static final String AGENT_PLATFORM_AUTH_TOKEN = "agent-platform-auth-token";
    public static final String ERROR_A1000 = "error-a1000";
    public static final String DUO_CHAT = "duo-chat";
    public static final String IMAGE_PLATFORM = "image-platform-mismatch";
    public static final String AI_LOGGING = "ai-logging";
    public static final String VERIFY_GITLAB_SETUP = "verify-gitlab-setup";
    public static final String AIGW_LOGS = "ai-gateway-logs";
    public static final String DEBUGGING_SCRIPTS = "debugging-scripts";

    private Sections() {}
}
