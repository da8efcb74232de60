package dev.duoconformance.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.config.ConfigurationException;
import dev.duoconformance.config.SimulatedDeployment;
import dev.duoconformance.http.GitLabVersion;
import dev.duoconformance.simulator.aigw.AiGatewaySimulator;
import dev.duoconformance.simulator.aigw.OidcTokenValidator;
import dev.duoconformance.simulator.fault.Fault;
import dev.duoconformance.simulator.gitlab.GitLabSimulator;
import dev.duoconformance.simulator.model.ModelServerSimulator;
import dev.duoconformance.simulator.server.Certificates;
import dev.duoconformance.simulator.server.ClosedPort;
import dev.duoconformance.simulator.server.PlaintextGrpcPort;
import dev.duoconformance.simulator.server.SimServer;
import dev.duoconformance.standin.DemoRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The demo deployment, on loopback: a GitLab instance, an AI gateway (HTTPS, private CA) with authentication on and
 * GitLab as its OIDC provider, a vLLM-like model server behind it, plus a simulated Bedrock. Requests chain as in
 * production (GitLab → AI gateway → model; AI gateway → GitLab's JWKS). Faults change the simulators, or the
 * environment file where the documented cause is a misconfiguration.
 */
public final class Simulation implements SimulatedDeployment {
    /** The model server's API key: a canary the self-tests look for in every output. */
    /** Its '/', '+' and '"' make its base64, URL-encoded, JSON-escaped and HTML-escaped forms all differ from it. */
    public static final String MODEL_API_KEY = "sk-sim-canary/3f9a+1c7e\"5b";

    public static final String GITLAB_ADMIN_TOKEN = GitLabSimulator.ADMIN_TOKEN;
    public static final String GITLAB_USER_TOKEN = GitLabSimulator.USER_TOKEN;
    /** The GitLab versions the simulated instance presents best, each with the differences of its version. */
    public static final List<String> GITLAB_VERSIONS = List.of("17.5", "17.8", "17.10", "18.2", "18.6");

    private static final Map<String, String> RELEASES = Map.of(
            "17.5", "17.5.5-ee", "17.8", "17.8.7-ee", "17.10", "17.10.8-ee", "18.2", "18.2.6-ee", "18.6", "18.6.2-ee");
    private static final GitLabVersion OLDEST = GitLabVersion.of("17.4");
    private static final String[] LOOPBACK_NAMES = {"127.0.0.1", "localhost"};

    /** {@code production}: AI gateway authentication on; {@code troubleshooting}: the bypass on, as the doc's direct probes need. */
    public enum Mode {
        PRODUCTION,
        TROUBLESHOOTING
    }

    private final Set<Fault> faults;
    private final Mode mode;
    private final Optional<Path> record;
    private final Path workDirectory;
    private final Certificates.Authority authority;
    private final ModelServerSimulator modelServer;
    private final AiGatewaySimulator aiGateway;
    private final GitLabSimulator gitlab;
    private final Optional<AutoCloseable> agentPlatform;
    private final Optional<DemoRuntime> runtime;

    private Simulation(
            Set<Fault> faults,
            GitLabVersion version,
            Mode mode,
            Optional<Path> record,
            Duration latency,
            Optional<String> runtime) {
        this.faults = faults;
        this.mode = mode;
        this.record = record;
        try {
            this.workDirectory = Files.createTempDirectory("duo-conformance-sim");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.authority = Certificates.Authority.create("duo-conformance simulated private CA");
        this.modelServer = new ModelServerSimulator(MODEL_API_KEY, faults, latency);
        // The gateway and GitLab know each other's address: AIGW_GITLAB_URL one way, the AI gateway URL setting the
        // other.
        AtomicReference<URI> gitlabUrlOfGateway = new AtomicReference<>();
        OidcTokenValidator validator = new OidcTokenValidator(gitlabUrlOfGateway::get);
        boolean bypassed = mode == Mode.TROUBLESHOOTING
                ? !faults.contains(Fault.AIGW_AUTH_ENFORCED)
                : faults.contains(Fault.AIGW_AUTH_BYPASSED);
        this.aiGateway = new AiGatewaySimulator(aiGatewayCertificate(), bypassed, validator::refusal, faults, latency);
        this.agentPlatform = agentPlatformService();
        Optional<Integer> agentPlatformPort = agentPlatform.map(
                s -> s instanceof SimServer tls ? tls.url().getPort() : ((PlaintextGrpcPort) s).port());
        this.gitlab = new GitLabSimulator(
                version,
                faults,
                Optional.of(aiGateway.url()),
                gitlabModels(),
                authority.clientContext(),
                latency,
                agentPlatformPort.map(port -> "localhost:" + port).orElse(GitLabSimulator.AGENT_PLATFORM_URL));
        gitlabUrlOfGateway.set(
                faults.contains(Fault.AIGW_REJECTS_GITLAB_TOKENS) ? ClosedPort.url("http") : gitlab.url());
        try {
            this.runtime = runtime.map(r -> DemoRuntime.of(
                    r,
                    new DemoRuntime.Configuration(
                            gitlab.url(),
                            authority.writePem(workDirectory.resolve("private-ca.pem")),
                            mode == Mode.TROUBLESHOOTING,
                            faults.contains(Fault.CUSTOM_MODELS_OFF),
                            faults.contains(Fault.CONTAINER_GITLAB_URL_WRONG),
                            faults.contains(Fault.IMAGE_PLATFORM_MISMATCH),
                            faults.contains(Fault.CONTAINER_CA_VARIABLES_MISSING))));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts the demo deployment; {@code gitlabVersion} such as 17.8 (default 18.6), {@code mode} production or
     * troubleshooting, {@code latency} added to every simulated answer.
     */
    public static Simulation start(
            Set<Fault> faults,
            Optional<String> gitlabVersion,
            Optional<String> mode,
            Optional<Path> record,
            Duration latency) {
        return start(faults, gitlabVersion, mode, record, latency, Optional.empty());
    }

    /** With {@code runtime} docker, the AI gateway also runs as a stand-in container, which the faults of {@link Fault#IN_CONTAINER} change. */
    public static Simulation start(
            Set<Fault> faults,
            Optional<String> gitlabVersion,
            Optional<String> mode,
            Optional<Path> record,
            Duration latency,
            Optional<String> runtime) {
        requireRuntimeFor(faults, runtime);
        return new Simulation(
                faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults),
                release(gitlabVersion.orElse("18.6")),
                mode(mode.orElse("production")),
                record,
                latency,
                runtime);
    }

    private static void requireRuntimeFor(Set<Fault> faults, Optional<String> runtime) {
        List<String> inContainer = faults.stream()
                .filter(Fault.IN_CONTAINER::contains)
                .map(Fault::id)
                .toList();
        if (runtime.isEmpty() && !inContainer.isEmpty()) {
            throw new ConfigurationException(
                    "-Ddemo.faults=" + String.join(",", inContainer) + ": faults of the AI gateway's container, "
                            + "which the demo has with -Ddemo.runtime=docker only. Add it (it needs a Docker engine).");
        }
    }

    /**
     * Values of the deployment's variables that are well-formed but lead nowhere (a closed port, the certificate of a CA
     * that signs nothing), so that the environment file can be checked without starting the simulators; the options are
     * checked as by start (for {@code runtime}, that a Docker engine answers).
     */
    static Map<String, String> standIns(
            Set<Fault> faults, Optional<String> gitlabVersion, Optional<String> mode, Optional<String> runtime) {
        requireRuntimeFor(faults, runtime);
        release(gitlabVersion.orElse("18.6"));
        mode(mode.orElse("production"));
        runtime.ifPresent(DemoRuntime::check);
        String nowhere = ClosedPort.url("http").toString();
        Path caBundle;
        try {
            caBundle = Files.createTempFile("duo-conformance-stand-in", ".pem");
            caBundle.toFile().deleteOnExit();
            // A certificate of a CA that signs nothing here: the validation reads the bundle as the run would.
            Certificates.Authority.create("duo-conformance stand-in CA").writePem(caBundle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "SIM_AI_GATEWAY_URL",
                nowhere,
                "SIM_CA_BUNDLE",
                caBundle.toString(),
                "SIM_VLLM_ENDPOINT",
                nowhere + "/v1",
                "SIM_VLLM_BASE_URL",
                nowhere,
                "SIM_VLLM_API_KEY",
                MODEL_API_KEY,
                "SIM_GITLAB_URL",
                nowhere,
                "SIM_GITLAB_ADMIN_TOKEN",
                GITLAB_ADMIN_TOKEN,
                "SIM_GITLAB_USER_TOKEN",
                GITLAB_USER_TOKEN);
    }

    private static GitLabVersion release(String asked) {
        GitLabVersion version = GitLabVersion.parse(RELEASES.getOrDefault(asked, asked))
                .filter(v -> v.isAtLeast(OLDEST))
                .orElseThrow(() -> new ConfigurationException(
                        "-Ddemo.gitlab.version=" + asked + " is not a GitLab version the demo "
                                + "can present. Use 17.4 or later, for example one of " + GITLAB_VERSIONS + "."));
        return version.text().endsWith("-ee")
                ? version
                : GitLabVersion.of(version.major() + "." + version.minor() + "." + version.patch() + "-ee");
    }

    private static Mode mode(String asked) {
        try {
            return Mode.valueOf(asked.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    "-Ddemo.mode=" + asked + " is not a demo mode. Use production (AI gateway authentication on) "
                            + "or troubleshooting (AIGW_AUTH__BYPASS_EXTERNAL=true, for the doc's direct AI gateway probes).");
        }
    }

    /** The self-hosted models as GitLab has them configured, matching environments/demo.yaml (and its misconfigurations). */
    private List<GitLabSimulator.Model> gitlabModels() {
        String endpoint = modelServer.url() + (faults.contains(Fault.MODEL_ENDPOINT_WITHOUT_V1) ? "" : "/v1");
        String bedrock = bedrockIdentifier();
        if (faults.contains(Fault.MODEL_AZURE)) {
            return List.of(
                    new GitLabSimulator.Model(
                            "gpt-4o",
                            "gpt",
                            modelServer.url() + "/",
                            "azure/" + ModelServerSimulator.AZURE_DEPLOYMENT,
                            MODEL_API_KEY,
                            List.of("code_completions", "code_generations")),
                    new GitLabSimulator.Model("llama-3-3-70b", "llama3", null, bedrock, null, List.of("duo_chat")));
        }
        return List.of(
                new GitLabSimulator.Model(
                        "mistral-7b",
                        faults.contains(Fault.MODEL_FAMILY_UNKNOWN) ? "mistral-7b-instruct" : "mistral",
                        endpoint,
                        "custom_openai/Mistral-7B-Instruct-v0.3",
                        MODEL_API_KEY,
                        List.of("code_completions", "code_generations")),
                new GitLabSimulator.Model(
                        "llama-3-3-70b",
                        faults.contains(Fault.MODEL_FAMILY_NOT_IN_THIS_GITLAB) ? "gemini" : "llama3",
                        null,
                        bedrock,
                        null,
                        faults.contains(Fault.CHAT_SUB_FEATURE_BEHIND_FLAG)
                                ? List.of("duo_chat", "duo_chat_explain_code")
                                : List.of("duo_chat")));
    }

    /**
     * A listener where GitLab's self-hosted Agent Platform service is, for the faults whose verdict needs to know whether
     * it speaks TLS (its gRPC is not simulated: only the handshake is what the suite reads, known issue
     * gitlab-org/gitlab#590454); the demo otherwise names a service it does not run.
     */
    private Optional<AutoCloseable> agentPlatformService() {
        if (faults.contains(Fault.AGENT_PLATFORM_SPLIT_WITH_TLS)) {
            return Optional.of(SimServer.https("agent-platform", authority.serverContext(LOOPBACK_NAMES))
                    .start());
        }
        if (faults.contains(Fault.AGENT_PLATFORM_SPLIT_WITHOUT_TLS)) {
            return Optional.of(new PlaintextGrpcPort());
        }
        return Optional.empty();
    }

    /** The Bedrock model's identifier: the demo's inference profile, or what a fault puts in its place. */
    private String bedrockIdentifier() {
        if (faults.contains(Fault.BEDROCK_ID_WITHOUT_REGION)) {
            return "bedrock/meta.llama3-3-70b-instruct-v1:0";
        }
        if (faults.contains(Fault.BEDROCK_ON_DEMAND_ID)) {
            return "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0"; // the doc's own debugging-script example
        }
        if (faults.contains(Fault.BEDROCK_ARN)) {
            return "bedrock/arn:aws:bedrock:us-east-2:111122223333:application-inference-profile/abc123";
        }
        if (faults.contains(Fault.BEDROCK_ARN_WITHOUT_PREFIX)) {
            return "arn:aws:bedrock:us-east-2:111122223333:application-inference-profile/abc123";
        }
        return "bedrock/us.meta.llama3-3-70b-instruct-v1:0";
    }

    private SSLContext aiGatewayCertificate() {
        if (faults.contains(Fault.AIGW_UNTRUSTED_CERTIFICATE)) {
            return Certificates.Authority.create("an unknown CA").serverContext(LOOPBACK_NAMES);
        }
        if (faults.contains(Fault.AIGW_SELF_SIGNED_CERTIFICATE)) {
            return Certificates.selfSignedServerContext(LOOPBACK_NAMES);
        }
        if (faults.contains(Fault.AIGW_EXPIRED_CERTIFICATE)) {
            return authority.expiredServerContext(LOOPBACK_NAMES);
        }
        if (faults.contains(Fault.AIGW_WRONG_HOST_CERTIFICATE)) {
            return authority.serverContext("aigw.example.com");
        }
        return authority.serverContext(LOOPBACK_NAMES);
    }

    @Override
    public Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("SIM_AI_GATEWAY_URL", aiGateway.url().toString());
        variables.put(
                "SIM_CA_BUNDLE",
                authority.writePem(workDirectory.resolve("private-ca.pem")).toString());
        variables.put("SIM_VLLM_ENDPOINT", modelServer.url() + "/v1");
        variables.put("SIM_VLLM_BASE_URL", modelServer.url().toString());
        variables.put("SIM_VLLM_API_KEY", MODEL_API_KEY);
        variables.put("SIM_GITLAB_URL", gitlab.entrance().toString());
        variables.put("SIM_GITLAB_ADMIN_TOKEN", GITLAB_ADMIN_TOKEN);
        variables.put("SIM_GITLAB_USER_TOKEN", GITLAB_USER_TOKEN);
        return variables;
    }

    @Override
    public JsonNode adjust(JsonNode configuration) {
        ObjectNode config = configuration.deepCopy();
        ObjectNode aiGatewayConfig = (ObjectNode) config.path("ai_gateway");
        if (mode == Mode.TROUBLESHOOTING || faults.contains(Fault.AIGW_AUTH_ENFORCED)) {
            aiGatewayConfig.put("auth_bypass_expected", true);
        }
        if (faults.contains(Fault.AIGW_AUTH_BYPASSED)) {
            aiGatewayConfig.put("auth_bypass_expected", false);
        }
        runtime.ifPresent(r -> r.dockerBlock().forEach(aiGatewayConfig.putObject("docker")::put));
        for (JsonNode model : config.path("models")) {
            boolean bedrock = model.path("identifier").asText().startsWith("bedrock/");
            if (!bedrock && faults.contains(Fault.MODEL_FAMILY_UNKNOWN)) {
                ((ObjectNode) model).put("family", "mistral-7b-instruct");
            }
            if (!bedrock && faults.contains(Fault.MODEL_ENDPOINT_WITHOUT_V1)) {
                ((ObjectNode) model).put("endpoint", "${SIM_VLLM_BASE_URL}");
            }
            if (bedrock && faults.contains(Fault.GITLAB_BETA_TERMS_NOT_ACCEPTED)) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) model.path("features")).add("generate_commit_message");
            }
            if (bedrock && faults.contains(Fault.MODEL_FAMILY_NOT_IN_THIS_GITLAB)) {
                ((ObjectNode) model).put("family", "gemini");
            }
            if (bedrock && faults.contains(Fault.CHAT_SUB_FEATURE_BEHIND_FLAG)) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) model.path("features")).add("duo_chat_explain_code");
            }
            if (bedrock && faults.contains(Fault.GITLAB_PREMIUM_LICENSE)) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) model.path("features")).add("resolve_vulnerability");
            }
            if (bedrock) {
                ((ObjectNode) model).put("identifier", bedrockIdentifier());
            }
            if (!bedrock && faults.contains(Fault.MODEL_AZURE)) {
                ((ObjectNode) model)
                        .put("name", "gpt-4o")
                        .put("family", "gpt")
                        .put("endpoint", "${SIM_VLLM_BASE_URL}/")
                        .put("identifier", "azure/" + ModelServerSimulator.AZURE_DEPLOYMENT);
            }
        }
        return config;
    }

    private void writeRecord(Path file) {
        List<String> lines = new ArrayList<>();
        for (SimServer server : servers()) {
            for (SimServer.Received r : server.received()) {
                lines.add(SimServer.JSON
                        .createObjectNode()
                        .put("component", r.component())
                        .put("method", r.method())
                        .put("path", r.path())
                        .put("agent", r.agent())
                        .put("known", r.known())
                        .put("at", r.at().toString())
                        .toString());
            }
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<SimServer> servers() {
        List<SimServer> servers = new ArrayList<>();
        servers.add(gitlab.server());
        aiGateway.server().ifPresent(servers::add);
        modelServer.server().ifPresent(servers::add);
        return servers;
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.ifPresent(DemoRuntime::close);
        }
        gitlab.close();
        agentPlatform.ifPresent(server -> {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        aiGateway.close();
        modelServer.close();
        record.ifPresent(this::writeRecord);
        try (Stream<Path> files = Files.walk(workDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
