package dev.duoconformance.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** One target deployment, as described by {@code environments/<name>.yaml}. Immutable and validated. */
public record Environment(
        String name,
        Optional<GitLab> gitlab,
        Optional<AiGateway> aiGateway,
        List<Model> models,
        Http http,
        List<Waiver> waivers) {

    public record GitLab(URI url, Secret adminToken, Secret userToken, Optional<Console> console) {}

    /** A command prefix that reaches the GitLab host's rake, e.g. {@code ["ssh", "gitlab", "sudo", "gitlab-rake"]}. */
    public record Console(List<String> command, String user) {}

    /** At most one of {@code docker} and {@code kubernetes}: where the AI gateway runs, for the runtime sections. */
    public record AiGateway(
            URI url,
            URI expectedUrl,
            boolean authBypassExpected,
            Optional<Docker> docker,
            Optional<Kubernetes> kubernetes) {
        public AiGateway(URI url, URI expectedUrl, boolean authBypassExpected, Optional<Docker> docker) {
            this(url, expectedUrl, authBypassExpected, docker, Optional.empty());
        }

        /** Where the suite itself reaches the AI gateway; empty when it cannot (only GitLab can). */
        public Optional<URI> reachableUrl() {
            return Optional.ofNullable(url);
        }
    }

    public record Docker(String host, String container) {}

    /**
     * The AI gateway's pods: the cluster (a kubeconfig file and one of its contexts, or, without a kubeconfig, the
     * service account of the pod this runner is in), the namespace, the pods (a label selector, or one pod's name)
     * and the gateway's container in them (empty: the pod's only container).
     */
    public record Kubernetes(
            Optional<Path> kubeconfig,
            Optional<String> context,
            String namespace,
            Optional<String> selector,
            Optional<String> pod,
            Optional<String> container) {
        public boolean inCluster() {
            return kubeconfig.isEmpty();
        }

        /** e.g. {@code pods matching app=ai-gateway in namespace gitlab}. */
        public String describePods() {
            return selector.map(s -> "pods matching '" + s + "'").orElseGet(() -> "pod '" + pod.orElseThrow() + "'")
                    + " in namespace '" + namespace + "'";
        }
    }

    public record Model(
            String name,
            String family,
            Optional<URI> endpoint,
            Optional<String> identifier,
            Secret apiKey,
            List<String> features,
            Optional<ModelPlatform> declaredPlatform) {

        /** {@code models[].platform}, else what the identifier names (an OpenAI-compatible server when it names no provider). */
        public ModelPlatform platform() {
            return declaredPlatform.orElseGet(() -> ModelPlatform.fromIdentifier(identifier));
        }

        public boolean isBedrock() {
            return platform() == ModelPlatform.BEDROCK;
        }

        /** The model name the AI gateway asks the model server for: the identifier without its provider prefix, else the family. */
        public String servedName() {
            return identifier
                    .map(id -> id.contains("/") ? id.substring(id.indexOf('/') + 1) : id)
                    .orElse(family);
        }

        public boolean endpointEndsWithV1() {
            return endpoint.map(e -> e.getPath() != null
                            && e.getPath().replaceAll("/+$", "").endsWith("/v1"))
                    .orElse(false);
        }

        /**
         * Models the suite can call itself: an OpenAI-compatible endpoint. Bedrock (AWS credentials) and Azure OpenAI
         * (LiteLLM's azure provider, with settings the suite does not have) are reached only by the AI gateway; Ollama
         * only through its OpenAI-compatible API under {@code /v1}.
         */
        public boolean hasOpenAiCompatibleEndpoint() {
            return endpoint.isPresent()
                    && switch (platform()) {
                        case BEDROCK, AZURE -> false;
                        case OLLAMA -> endpointEndsWithV1();
                        case VLLM, OPENAI_COMPATIBLE -> true;
                    };
        }

        /**
         * Whether the vLLM rules ({@code vllm-404}) may apply: a declared vLLM, or an OpenAI-compatible server not
         * declared as such (its model listing then tells whether it is vLLM).
         */
        public boolean mayBeVllm() {
            return endpoint.isPresent()
                    && (platform() == ModelPlatform.VLLM
                            || platform() == ModelPlatform.OPENAI_COMPATIBLE && declaredPlatform.isEmpty());
        }

        /** How the platform was decided, for messages: "platform azure, from the identifier azure/gpt-4o". */
        public String platformSource() {
            return "platform " + platform().key()
                    + declaredPlatform
                            .map(p -> ", from models[].platform")
                            .orElseGet(() -> identifier
                                    .map(id -> ", from the identifier " + id)
                                    .orElse(", as no identifier names a provider"));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public record Http(
            Duration connectTimeout,
            Duration requestTimeout,
            Optional<Path> caBundle,
            boolean insecure,
            Proxies proxies) {}

    /**
     * Where requests go through a proxy: {@code http.proxy} for every URL, else {@code HTTPS_PROXY}/{@code HTTP_PROXY}
     * by scheme, except for the hosts of {@code NO_PROXY} (exact names, domain suffixes such as {@code .internal}, or {@code *}).
     */
    public record Proxies(Optional<URI> forHttp, Optional<URI> forHttps, List<String> noProxy) {
        public static Proxies none() {
            return new Proxies(Optional.empty(), Optional.empty(), List.of());
        }

        public Optional<URI> forUrl(URI url) {
            String host = url.getHost().toLowerCase();
            boolean bypass = noProxy.stream()
                    .map(String::toLowerCase)
                    .anyMatch(entry -> entry.equals("*")
                            || host.equals(entry)
                            || host.endsWith(entry.startsWith(".") ? entry : "." + entry));
            if (bypass) {
                return Optional.empty();
            }
            return "https".equalsIgnoreCase(url.getScheme()) ? forHttps : forHttp;
        }
    }

    public record Waiver(String section, String justification, LocalDate expires) {}

    /** Every secret this environment holds, so output can be scrubbed of them. */
    public List<Secret> secrets() {
        var secrets = new java.util.ArrayList<Secret>();
        gitlab.ifPresent(g -> {
            secrets.add(g.adminToken());
            secrets.add(g.userToken());
        });
        models.forEach(m -> secrets.add(m.apiKey()));
        return secrets.stream().filter(Secret::isPresent).toList();
    }
}
