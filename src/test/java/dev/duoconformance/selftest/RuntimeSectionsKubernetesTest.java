package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.catalogue.Section;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.runtime.kubernetes.Permission;
import dev.duoconformance.selftest.SuiteRun.CheckResult;
import dev.duoconformance.simulator.kubernetes.GatewayPod;
import dev.duoconformance.simulator.kubernetes.SimulatedCluster;
import dev.duoconformance.simulator.model.ModelServerSimulator;
import dev.duoconformance.simulator.server.Certificates;
import dev.duoconformance.simulator.server.SimServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;

/**
 * The runtime sections against the AI gateway on Kubernetes, through fabric8's mock API server: a healthy replica
 * passes every runtime section, each documented cause, put into the pods as it shows on a cluster, fails exactly its
 * section with the Kubernetes wording of its remediation while the sections downstream say "blocked by" it, and
 * several replicas, RBAC refusals, Secrets and an unreachable API server behave as documented in docs/runtime.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Alone: a mock API server per run and 18 suite runs keep the CPU busy, and other self-tests bound their wall time.
@Isolated
class RuntimeSectionsKubernetesTest {
    private static final Catalogue CATALOGUE = Catalogue.load(Locale.ENGLISH);
    /** The model server's key, exported to the tests by the build as {@link KubernetesDeployment#MODEL_KEY_VARIABLE}. */
    private static final String MODEL_KEY = java.util.Objects.requireNonNullElse(
            System.getenv(KubernetesDeployment.MODEL_KEY_VARIABLE), "sk-k8s-canary-2f7d1c0b");

    private static final String CONTAINER_SECRET = "sk-container-canary-k8s-7e21";
    /** The Service name GitLab has for pods on the pod network, as the cluster's DNS resolves it. */
    private static final String GITLAB_SERVICE = "gitlab-webservice-default.gitlab.svc";

    /** A documented cause as it shows on a cluster: the section it must fail, its cause, and what it blocks. */
    enum KubernetesFault {
        CUSTOM_MODELS_DISABLED(
                "ai-gateway-env-vars",
                "custom-models-disabled",
                d -> d.literal("AIGW_CUSTOM_MODELS__ENABLED", "false"),
                Map.of("debugging-scripts", "ai-gateway-env-vars")),
        // Neither the pod spec nor the image sets it (an image other than the self-hosted one): the running container
        // has no value.
        CUSTOM_MODELS_SET_NOWHERE(
                "ai-gateway-env-vars",
                "custom-models-disabled",
                d -> {
                    d.without("AIGW_CUSTOM_MODELS__ENABLED");
                    d.replicas.forEach(r -> r.imageEnv.remove("AIGW_CUSTOM_MODELS__ENABLED"));
                },
                Map.of("debugging-scripts", "ai-gateway-env-vars")),
        GITLAB_URL_MISMATCH_IN_A_CONFIGMAP(
                "ai-gateway-env-vars",
                "gitlab-url-mismatch",
                d -> {
                    d.configMaps.add(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName("ai-gateway")
                            .withNamespace(GatewayPod.NAMESPACE)
                            .endMetadata()
                            .addToData("gitlab-url", "https://gitlab.example.com/")
                            .build());
                    d.replicas.forEach(r -> r.pod.fromConfigMap("AIGW_GITLAB_URL", "ai-gateway", "gitlab-url"));
                    d.without("AIGW_GITLAB_API_URL");
                },
                Map.of(
                        "ai-gateway-can-reach-gitlab",
                        "ai-gateway-env-vars",
                        "debugging-scripts",
                        "ai-gateway-env-vars")),
        AUTH_BYPASSED(
                "ai-gateway-env-vars", "auth-bypassed", d -> d.literal("AIGW_AUTH__BYPASS_EXTERNAL", "true"), Map.of()),
        EXEC_FORMAT_ERROR_ON_AN_ARM_NODE(
                "image-platform-mismatch",
                "mismatch",
                d -> {
                    d.nodes.add(GatewayPod.node("node-b", "linux", "arm64"));
                    KubernetesDeployment.Replica replica = d.replicas.get(0);
                    replica.pod.node = "node-b";
                    replica.pod.crashLooping("Error", 255, "", 6);
                    replica.previousLog = "exec ./scripts/run.sh: exec format error\n";
                    replica.log = "exec ./scripts/run.sh: exec format error\n";
                },
                Map.of(
                        "model-reachable-from-ai-gateway",
                        "image-platform-mismatch",
                        "ai-gateway-can-reach-gitlab",
                        "image-platform-mismatch",
                        "debugging-scripts",
                        "image-platform-mismatch",
                        "llm-server-in-container",
                        "image-platform-mismatch")),
        NO_MATCHING_PLATFORM_IN_THE_MANIFEST(
                "image-platform-mismatch",
                "mismatch",
                d -> {
                    d.nodes.add(GatewayPod.node("node-b", "linux", "s390x"));
                    GatewayPod pod = d.replicas.get(0).pod;
                    pod.node = "node-b";
                    pod.phase = "Pending";
                    pod.state = new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                            .withNewWaiting()
                            .withReason("ErrImagePull")
                            .withMessage("failed to pull and unpack image \"" + GatewayPod.IMAGE
                                    + "\": no match for platform in manifest: not found")
                            .endWaiting()
                            .build();
                    d.replicas.get(0).log = "";
                },
                Map.of(
                        "model-reachable-from-ai-gateway",
                        "image-platform-mismatch",
                        "ai-gateway-can-reach-gitlab",
                        "image-platform-mismatch",
                        "debugging-scripts",
                        "image-platform-mismatch")),
        LOCALHOST_ENDPOINT_ON_THE_POD_NETWORK(
                "llm-server-in-container",
                "localhost-endpoint",
                d -> {
                    d.replicas.forEach(r -> r.pod.hostNetwork = false);
                    d.useGitLabService();
                },
                Map.of("model-reachable-from-ai-gateway", "llm-server-in-container")),
        METRICS_PORT_TAKEN_ON_THE_HOST_NETWORK(
                "llm-server-in-container",
                "metrics-port-clash",
                d -> {
                    d.without("AIGW_FASTAPI__METRICS_PORT");
                    KubernetesDeployment.Replica replica = d.replicas.get(0);
                    replica.pod.crashLooping("Error", 1, "", 4);
                    replica.previousLog = "starting metrics server on 0.0.0.0:8082\n"
                            + "ERROR: [Errno 98] error while attempting to bind on address ('0.0.0.0', 8082): address already in use\n";
                },
                Map.of(
                        "model-reachable-from-ai-gateway",
                        "llm-server-in-container",
                        "ai-gateway-can-reach-gitlab",
                        "llm-server-in-container",
                        "debugging-scripts",
                        "llm-server-in-container")),
        MODEL_BEHIND_A_DEAD_PROXY(
                "model-reachable-from-ai-gateway",
                "unreachable-from-container",
                d -> {
                    d.literal("http_proxy", "http://127.0.0.1:" + closedPort() + "/");
                    d.literal("no_proxy", "localhost");
                },
                Map.of()),
        GITLAB_UNREACHABLE_FROM_THE_POD(
                "ai-gateway-can-reach-gitlab",
                "unreachable",
                d -> {
                    d.gitlabBlock = false;
                    d.literal("AIGW_GITLAB_URL", "http://127.0.0.1:" + closedPort() + "/");
                    d.without("AIGW_GITLAB_API_URL");
                },
                Map.of("debugging-scripts", "ai-gateway-can-reach-gitlab")),
        CA_VARIABLES_MISSING(
                "ai-gateway-tls",
                "ca-variables-missing",
                d -> {
                    d.without("SSL_CERT_FILE");
                    d.without("REQUESTS_CA_BUNDLE");
                },
                Map.of("ai-gateway-can-reach-gitlab", "ai-gateway-tls", "debugging-scripts", "ai-gateway-tls")),
        GATEWAY_NOT_SERVING_IN_ITS_POD(
                "debugging-scripts",
                "script-reported-failure",
                d -> d.replicas.forEach(r -> r.gatewayServes = false),
                Map.of());

        final String section;
        final String cause;
        final Consumer<KubernetesDeployment> apply;
        final Map<String, String> blocks;

        KubernetesFault(
                String section, String cause, Consumer<KubernetesDeployment> apply, Map<String, String> blocks) {
            this.section = section;
            this.cause = cause;
            this.apply = apply;
            this.blocks = blocks;
        }
    }

    private ModelServerSimulator model;
    private GitLabOidcStandIn gitlab;
    private SimServer gitlabService;
    private Path work;
    private Path caBundle;

    @BeforeAll
    void startTheStandIns() throws IOException {
        work = Files.createTempDirectory("duo-k8s-selftest");
        Certificates.Authority authority = Certificates.Authority.create("duo-conformance self-test private CA");
        caBundle = authority.writePem(work.resolve("private-ca.pem"));
        gitlab = new GitLabOidcStandIn(authority);
        model = new ModelServerSimulator(MODEL_KEY, Set.of(), Duration.ZERO);
        gitlabService = gitlabAsAService();
    }

    /** GitLab as pods on the pod network reach it: by its Service name, over http, its documents naming that address. */
    private static SimServer gitlabAsAService() {
        SimServer server = SimServer.http("gitlab");
        String base = "http://" + GITLAB_SERVICE + ":";
        server.route(
                        "GET",
                        "/\\.well-known/openid-configuration",
                        r -> SimServer.Response.json(
                                200,
                                Map.of(
                                        "issuer",
                                        base + server.url().getPort(),
                                        "jwks_uri",
                                        base + server.url().getPort() + "/oauth/discovery/keys")))
                .route(
                        "GET",
                        "/oauth/discovery/keys",
                        r -> SimServer.Response.json(
                                200,
                                Map.of(
                                        "keys",
                                        List.of(Map.of(
                                                "kty",
                                                "RSA",
                                                "kid",
                                                "selftest",
                                                "use",
                                                "sig",
                                                "alg",
                                                "RS256",
                                                "e",
                                                "AQAB",
                                                "n",
                                                "c2VsZnRlc3Q")))))
                .route("GET", "/api/v4/projects", r -> SimServer.Response.json(200, "[]"))
                .start();
        return server;
    }

    @AfterAll
    void stopTheStandIns() {
        model.close();
        gitlab.close();
        gitlabService.close();
    }

    private KubernetesDeployment healthy() {
        KubernetesDeployment d = new KubernetesDeployment();
        d.gitlabService = GITLAB_SERVICE;
        d.gitlabServicePort = gitlabService.url().getPort();
        d.replica("ai-gateway-7d9f8c6b5-x2x9q");
        d.literal("AIGW_CUSTOM_MODELS__ENABLED", "true");
        d.literal("AIGW_GITLAB_URL", gitlab.url() + "/");
        d.literal("AIGW_GITLAB_API_URL", gitlab.url() + "/api/v4/");
        d.literal("AIGW_FASTAPI__API_PORT", Integer.toString(closedPort()));
        d.literal("AIGW_FASTAPI__METRICS_PORT", Integer.toString(closedPort()));
        d.literal("AIGW_LOGGING__LEVEL", "INFO");
        d.literal("SSL_CERT_FILE", KubernetesDeployment.CA_IN_CONTAINER);
        d.literal("REQUESTS_CA_BUNDLE", KubernetesDeployment.CA_IN_CONTAINER);
        d.replicas.forEach(r -> {
            r.pod.fromSecret("AIGW_MODEL_KEYS__MISTRAL_API_KEY", "ai-gateway-keys", "mistral");
            r.secretValues.put("AIGW_MODEL_KEYS__MISTRAL_API_KEY", CONTAINER_SECRET);
            r.log = "INFO: Uvicorn running on http://0.0.0.0:5052\n";
        });
        d.secrets.add(new SecretBuilder()
                .withNewMetadata()
                .withName("ai-gateway-keys")
                .withNamespace(GatewayPod.NAMESPACE)
                .endMetadata()
                .addToStringData("mistral", CONTAINER_SECRET)
                .build());
        d.files.put(KubernetesDeployment.CA_IN_CONTAINER, caBundle);
        d.gitlabUrl = gitlab.url().toString();
        d.modelEndpoint = model.url() + "/v1";
        d.caBundle = caBundle;
        return d;
    }

    private record Run(SuiteRun.Results results, List<SimulatedCluster.Request> requests) {}

    private Run run(String purpose, KubernetesDeployment deployment, Consumer<SimulatedCluster> rbac) {
        try (SimulatedCluster cluster = new SimulatedCluster()) {
            deployment.deploy(cluster);
            rbac.accept(cluster);
            Path environments =
                    Files.createDirectories(work.resolve("environments-" + purpose + "-" + System.nanoTime()));
            deployment.writeEnvironment(cluster, environments, purpose);
            SuiteRun.Results results = SuiteRun.environment(environments, purpose)
                    .only("runtime", "console")
                    .with("scripts", "true")
                    .run();
            return new Run(results, cluster.requests());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Run run(String purpose, KubernetesDeployment deployment) {
        return run(purpose, deployment, cluster -> {});
    }

    @Test
    void aHealthyReplicaPassesEveryRuntimeSectionAndTheSuiteOnlyReads() {
        Run run = run("healthy", healthy());

        assertThat(run.results().checks())
                .extracting(CheckResult::section)
                .contains(
                        "ai-gateway-env-vars",
                        "image-platform-mismatch",
                        "llm-server-in-container",
                        "model-reachable-from-ai-gateway",
                        "ai-gateway-can-reach-gitlab",
                        "ai-gateway-tls",
                        "ai-gateway-logs",
                        "debugging-scripts");
        assertThat(run.results().where(r -> !r.passed() && !r.section().equals("verify-gitlab-setup")))
                .as("checks that did not pass against the healthy replica")
                .extracting(r -> r.section() + " " + r.test() + ": " + r.message())
                .isEmpty();
        assertThat(run.requests()).extracting(SimulatedCluster.Request::method).containsOnly("GET");
        assertThat(run.requests())
                .extracting(SimulatedCluster.Request::path)
                .noneMatch(p -> p.contains("/secrets"))
                .noneMatch(p -> p.contains(MODEL_KEY) || p.contains("Bearer"));
        assertNoSecretIn(run.results());
        System.out.println("Kubernetes API requests for every runtime and console section against one healthy replica: "
                + run.requests().size() + " ("
                + run.requests().stream()
                        .filter(r -> r.path().contains("/exec"))
                        .count() + " execs)");
    }

    @Test
    void customModelsEnabledByTheSelfHostedImageAloneIsReadFromTheRunningContainer() {
        KubernetesDeployment deployment = healthy();
        deployment.without("AIGW_CUSTOM_MODELS__ENABLED");

        Run run = run("custom-models-from-the-image", deployment);

        assertThat(run.results().of("ai-gateway-env-vars"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.passed()).as(r.message()).isTrue());
        assertThat(run.requests())
                .extracting(SimulatedCluster.Request::path)
                .anyMatch(p -> p.contains("/exec")
                        && p.contains("command=printenv")
                        && p.contains("AIGW_CUSTOM_MODELS__ENABLED"));
    }

    @Test
    void aModelServerInASidecarIsReachableOnThePodsLocalhost() {
        KubernetesDeployment deployment = healthy();
        deployment.useGitLabService();
        deployment.replicas.forEach(r -> {
            r.pod.hostNetwork = false;
            r.pod.sidecars.put("vllm", model.url().getPort());
        });

        Run run = run("sidecar", deployment);

        assertThat(run.results().of("llm-server-in-container"))
                .filteredOn(r -> r.test().startsWith("localhostEndpoints"))
                .singleElement()
                .satisfies(r -> assertThat(r.passed()).as(r.message()).isTrue());
        assertThat(run.results().of("model-reachable-from-ai-gateway"))
                .allSatisfy(r -> assertThat(r.passed()).as(r.message()).isTrue());
        assertThat(run.results().of("ai-gateway-can-reach-gitlab"))
                .allSatisfy(r -> assertThat(r.passed()).as(r.message()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KubernetesFault.class)
    void theFaultFailsExactlyItsSectionWithTheKubernetesRemediation(KubernetesFault fault) {
        KubernetesDeployment deployment = healthy();
        fault.apply.accept(deployment);

        SuiteRun.Results results = run(fault.name().toLowerCase(Locale.ROOT).replace('_', '-'), deployment)
                .results();

        assertThat(results.failedSections())
                .as(
                        "sections failed by %s: %s",
                        fault,
                        results.failures().stream().map(CheckResult::message).toList())
                .containsExactly(fault.section);
        String firstStep = CATALOGUE
                .section(fault.section)
                .stepsFor(fault.cause, Section.KUBERNETES)
                .get(0);
        assertThat(results.failures()).allSatisfy(failure -> {
            assertThat(failure.throwable()).isInstanceOf(AssertionFailedError.class);
            assertThat(failure.message())
                    .startsWith("[" + fault.section + "] ")
                    .contains("pod 'ai-gateway-7d9f8c6b5-x2x9q'");
        });
        assertThat(results.failures())
                .as("a failure of %s carrying the Kubernetes remediation of cause %s", fault.section, fault.cause)
                .anySatisfy(failure -> assertThat(failure.message())
                        .containsPattern(Steps.shown("Try fixing it:\n  1. " + firstStep))
                        .contains("For more information see: "
                                + CATALOGUE.section(fault.section).docUrl()));
        fault.blocks.forEach((section, upstream) -> assertThat(results.of(section))
                .as("%s under %s", section, fault)
                .anySatisfy(r -> assertThat(r.message()).startsWith(Verdict.BLOCKED_BY + upstream)));
        DeclaredUpstream.assertEveryBlockIsDeclared(results);
        assertNoSecretIn(results);
    }

    @Test
    void oneBrokenReplicaOfThreeIsAFailureThatNamesItsPod() {
        KubernetesDeployment deployment = healthy();
        deployment.nodes.add(GatewayPod.node("node-b", "linux", "amd64"));
        deployment.nodes.add(GatewayPod.node("node-c", "linux", "arm64"));
        KubernetesDeployment.Replica second = deployment.replica("ai-gateway-7d9f8c6b5-b7k2m");
        KubernetesDeployment.Replica third = deployment.replica("ai-gateway-7d9f8c6b5-q9w4z");
        deployment.replicas.get(0).pod.env.forEach(e -> {
            second.pod.env.add(e);
            third.pod.env.add(e);
        });
        second.pod.node = "node-b";
        third.pod.node = "node-c";
        third.pod.crashLooping("Error", 255, "", 9);
        third.previousLog = "exec ./scripts/run.sh: exec format error\n";
        deployment.replicas.forEach(r -> r.secretValues.put("AIGW_MODEL_KEYS__MISTRAL_API_KEY", CONTAINER_SECRET));

        SuiteRun.Results results = run("three-replicas", deployment).results();

        assertThat(results.failedSections()).containsExactly("image-platform-mismatch");
        assertThat(results.of("image-platform-mismatch"))
                .singleElement()
                .satisfies(r -> assertThat(r.message())
                        .contains(
                                "pod 'ai-gateway-7d9f8c6b5-q9w4z' (container 'ai-gateway'), one of 3 replicas on node 'node-c' (linux/arm64")
                        .contains("\"exec ./scripts/run.sh: exec format error\"")
                        .contains("waiting (CrashLoopBackOff)"));
        assertThat(results.of("ai-gateway-can-reach-gitlab"))
                .singleElement()
                .satisfies(r -> assertThat(r.message())
                        .startsWith(Verdict.BLOCKED_BY + "image-platform-mismatch (pod 'ai-gateway-7d9f8c6b5-q9w4z'"));
        DeclaredUpstream.assertEveryBlockIsDeclared(results);
        assertThat(results.of("ai-gateway-env-vars"))
                .allSatisfy(r -> assertThat(r.passed()).as(r.message()).isTrue());
    }

    @Test
    void withoutExecTheSectionsThatNeedItNameTheMissingPermission() {
        Run run = run("no-exec", healthy(), cluster -> cluster.forbid(Permission.CREATE_POD_EXEC));

        assertThat(run.results().failures()).isEmpty();
        assertThat(run.results().of("ai-gateway-can-reach-gitlab"))
                .singleElement()
                .satisfies(r -> assertThat(r.message())
                        .startsWith(Verdict.NOT_CHECKED
                                + "the Kubernetes API refused to exec into pod 'ai-gateway-7d9f8c6b5-x2x9q' (container "
                                + "'ai-gateway') (HTTP 403 Forbidden")
                        .contains("needs 'create' on 'pods/exec' in namespace 'gitlab'"));
        assertThat(run.results().of("ai-gateway-env-vars"))
                .allSatisfy(r -> assertThat(r.passed()).as(r.message()).isTrue());
        assertThat(run.results().of("image-platform-mismatch"))
                .allSatisfy(r -> assertThat(r.passed()).as(r.message()).isTrue());
    }

    @Test
    void withoutListingPodsEveryRuntimeSectionNamesTheMissingPermission() {
        Run run = run("no-list", healthy(), cluster -> cluster.forbid(Permission.LIST_PODS));

        assertThat(run.results().failures()).isEmpty();
        assertThat(run.results()
                        .where(r -> !r.section().equals("verify-gitlab-setup")
                                && !r.test().startsWith("httpsEndpointsPresentTrustedCertificates ")
                                && !r.test().startsWith("modelServerAnswers ")))
                .as("the checks that read the runtime")
                .hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(r -> assertThat(r.message())
                        .as(r.section() + " " + r.test())
                        .contains(
                                "the Kubernetes API refused to list pods matching 'app.kubernetes.io/name=ai-gateway' in namespace 'gitlab'")
                        .contains("needs 'list' on 'pods' in namespace 'gitlab'"));
    }

    @Test
    void aVariableFromASecretIsNamedNeverRead() {
        KubernetesDeployment deployment = healthy();
        deployment.secrets.add(new SecretBuilder()
                .withNewMetadata()
                .withName("ai-gateway-env")
                .withNamespace(GatewayPod.NAMESPACE)
                .endMetadata()
                .addToStringData("gitlab-url", deployment.gitlabUrl + "/")
                .build());
        deployment.replicas.forEach(r -> {
            r.pod.fromSecret("AIGW_GITLAB_URL", "ai-gateway-env", "gitlab-url");
            r.secretValues.put("AIGW_GITLAB_URL", deployment.gitlabUrl + "/");
        });

        Run run = run("secret", deployment);

        assertThat(run.results().failures()).isEmpty();
        assertThat(run.results().of("ai-gateway-env-vars"))
                .filteredOn(r -> r.test().startsWith("gitlabUrls"))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.message())
                                .isEqualTo(
                                        Verdict.NOT_CHECKED + "AIGW_GITLAB_URL of pod 'ai-gateway-7d9f8c6b5-x2x9q' "
                                                + "(container 'ai-gateway') is set from Secret ai-gateway-env/gitlab-url, whose value the suite never reads"));
        assertThat(run.results().of("ai-gateway-env-vars"))
                .filteredOn(r -> r.test().startsWith("customModels"))
                .singleElement()
                .satisfies(r -> assertThat(r.passed()).isTrue());
        assertThat(run.requests()).extracting(SimulatedCluster.Request::path).noneMatch(p -> p.contains("/secrets"));
    }

    @Test
    void anUnreachableApiServerLeavesEveryRuntimeSectionNotCheckedAfterOneTry() throws IOException {
        KubernetesDeployment deployment = healthy();
        Path environments = Files.createDirectories(work.resolve("environments-unreachable-" + System.nanoTime()));
        int closed = closedPort();
        try (SimulatedCluster cluster = new SimulatedCluster()) {
            deployment.writeEnvironment(cluster, environments, "unreachable");
        }
        Path kubeconfig = environments.resolve("unreachable.kubeconfig");
        Files.writeString(
                kubeconfig,
                Files.readString(kubeconfig)
                        .replaceFirst("http://127\\.0\\.0\\.1:\\d+", "https://127.0.0.1:" + closed));

        long started = System.nanoTime();
        SuiteRun.Results results = SuiteRun.environment(environments, "unreachable")
                .only("runtime", "console")
                .with("scripts", "true")
                .run();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(results.failures()).isEmpty();
        assertThat(results.of("ai-gateway-env-vars"))
                .isNotEmpty()
                .allSatisfy(
                        r -> assertThat(r.message())
                                .isEqualTo(
                                        Verdict.NOT_CHECKED
                                                + "cannot reach the Kubernetes API server at https://127.0.0.1:"
                                                + closed
                                                + "/: connection refused (is it the cluster's API server address, and is this runner allowed to reach it?)"));
        System.out.println(
                "runtime and console sections against an unreachable API server: " + took.toMillis() + " ms");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertNoSecretIn(SuiteRun.Results results) {
        assertThat(results.checks())
                .extracting(CheckResult::message)
                .noneMatch(m -> m.contains(MODEL_KEY) || m.contains(CONTAINER_SECRET));
    }
}
