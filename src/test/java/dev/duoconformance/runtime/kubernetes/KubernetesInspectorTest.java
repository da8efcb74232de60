package dev.duoconformance.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.catalogue.Shown;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.Memo;
import dev.duoconformance.http.Redactor;
import dev.duoconformance.runtime.ExecResult;
import dev.duoconformance.runtime.Inspection;
import dev.duoconformance.runtime.Platform;
import dev.duoconformance.simulator.kubernetes.GatewayPod;
import dev.duoconformance.simulator.kubernetes.SimulatedCluster;
import dev.duoconformance.simulator.kubernetes.SimulatedContainer;
import dev.duoconformance.simulator.model.ModelServerSimulator;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes inspector against fabric8's mock API server: what it reads, what it never reads, and how it says no. */
class KubernetesInspectorTest {
    private static final String MODEL_KEY = "sk-k8s-inspector-canary-71c2";
    private static final Environment.Http HTTP = new Environment.Http(
            Duration.ofSeconds(2), Duration.ofSeconds(5), Optional.empty(), false, Environment.Proxies.none());

    @TempDir
    Path home;

    private SimulatedCluster cluster;
    private final List<Exchange> evidence = new ArrayList<>();
    private final Redactor redactor = new Redactor(List.of());

    @BeforeEach
    void startTheCluster() {
        cluster = new SimulatedCluster();
        cluster.add(GatewayPod.node("node-a", "linux", "amd64"));
    }

    @AfterEach
    void stopTheCluster() {
        cluster.close();
    }

    private KubernetesInspector inspector(Optional<String> selector, Optional<String> pod) {
        Path kubeconfig = cluster.writeKubeconfig(home.resolve("kubeconfig"), GatewayPod.NAMESPACE);
        return new KubernetesInspector(
                new Environment.Kubernetes(
                        Optional.of(kubeconfig),
                        Optional.of("selftest"),
                        GatewayPod.NAMESPACE,
                        selector,
                        pod,
                        Optional.of(GatewayPod.CONTAINER)),
                HTTP,
                new Memo(),
                redactor,
                evidence::add,
                name -> null);
    }

    private KubernetesInspector bySelector() {
        return inspector(Optional.of(GatewayPod.SELECTOR), Optional.empty());
    }

    private static SimulatedContainer container(Map<String, String> env) {
        return new SimulatedContainer(env, Map.of(), true, Set.of(), true, Set.of());
    }

    @Test
    void theEnvironmentIsBuiltAsTheKubeletBuildsItWithoutEverReadingASecret() {
        cluster.add(new ConfigMapBuilder()
                .withNewMetadata()
                .withName("aigw-config")
                .withNamespace(GatewayPod.NAMESPACE)
                .endMetadata()
                .addToData("AIGW_GITLAB_URL", "https://gitlab.example.com/")
                .addToData("LOGGING__LEVEL", "INFO")
                .addToData("MODEL_KEYS__TOKEN", "cm-secretish-value-9f2d")
                .build());
        cluster.add(new SecretBuilder()
                .withNewMetadata()
                .withName("aigw-secrets")
                .withNamespace(GatewayPod.NAMESPACE)
                .endMetadata()
                .addToStringData("AIGW_MODEL_KEYS__MISTRAL_API_KEY", "sk-in-a-secret-0d9e")
                .build());
        GatewayPod pod = new GatewayPod("ai-gateway-5f7c9d-abcde")
                .literal("AIGW_CUSTOM_MODELS__ENABLED", "true")
                .fromConfigMap("AIGW_GITLAB_URL", "aigw-config", "AIGW_GITLAB_URL")
                .literal("AIGW_GITLAB_API_URL", "$(AIGW_GITLAB_URL)api/v4/")
                .fromSecret("AIGW_MODEL_KEYS__MISTRAL_API_KEY", "aigw-secrets", "AIGW_MODEL_KEYS__MISTRAL_API_KEY");
        pod.envFrom.add(new EnvFromSourceBuilder()
                .withPrefix("AIGW_")
                .withNewConfigMapRef()
                .withName("aigw-config")
                .endConfigMapRef()
                .build());
        pod.envFrom.add(new EnvFromSourceBuilder()
                .withNewSecretRef()
                .withName("aigw-extra")
                .endSecretRef()
                .build());
        cluster.add(pod.build(), container(Map.of()));

        PodFacts facts = bySelector().pods().value().get(0);

        assertThat(facts.variable("AIGW_GITLAB_URL")).hasValueSatisfying(v -> {
            assertThat(v.value()).contains("https://gitlab.example.com/");
            assertThat(v.source()).isEqualTo("ConfigMap aigw-config/AIGW_GITLAB_URL");
        });
        assertThat(facts.variable("AIGW_GITLAB_API_URL").flatMap(PodFacts.EnvVar::value))
                .contains("https://gitlab.example.com/api/v4/");
        assertThat(facts.variable("AIGW_LOGGING__LEVEL").map(PodFacts.EnvVar::source))
                .contains("ConfigMap aigw-config/LOGGING__LEVEL (envFrom)");
        assertThat(facts.variable("AIGW_MODEL_KEYS__MISTRAL_API_KEY")).hasValueSatisfying(v -> {
            assertThat(v.value()).isEmpty();
            assertThat(v.source()).isEqualTo("Secret aigw-secrets/AIGW_MODEL_KEYS__MISTRAL_API_KEY");
        });
        assertThat(facts.undisclosed()).containsExactly("Secret aigw-extra (envFrom)");
        assertThat(facts.nodePlatform()).contains(Platform.of("linux", "amd64"));
        assertThat(facts.describeState()).isEqualTo("running");
        assertThat(cluster.requests())
                .extracting(SimulatedCluster.Request::path)
                .noneMatch(p -> p.contains("/secrets"))
                .allSatisfy(p -> assertThat(p).doesNotContain("sk-in-a-secret"));
        assertThat(cluster.requests())
                .extracting(SimulatedCluster.Request::method)
                .containsOnly("GET");
        assertThat(redactor.apply("value cm-secretish-value-9f2d"))
                .as("a secret-looking ConfigMap value joins the redactor")
                .isEqualTo("value " + Redactor.MASK);
    }

    @Test
    void aForbiddenListNamesTheMissingPermission() {
        cluster.add(new GatewayPod("ai-gateway-5f7c9d-abcde").build(), container(Map.of()));
        cluster.forbid(Permission.LIST_PODS);

        Inspection<List<PodFacts>> pods = bySelector().pods();

        assertThat(pods.problem())
                .isEqualTo("the Kubernetes API refused to list pods matching '" + GatewayPod.SELECTOR
                        + "' in namespace 'gitlab' (HTTP 403 Forbidden: pods is forbidden: User \""
                        + SimulatedCluster.USER
                        + "\" cannot list resource \"pods\" in API group \"\" in the namespace \"gitlab\"): the suite's account needs 'list' on 'pods' "
                        + "in namespace 'gitlab' (the Role in docs/runtime.md grants exactly what the suite uses)");
    }

    @Test
    void aRefusedExecNamesTheMissingPermissionHoweverTheUpgradeFails() {
        cluster.add(new GatewayPod("ai-gateway-5f7c9d-abcde").build(), container(Map.of()));
        cluster.forbid(Permission.CREATE_POD_EXEC);
        for (int attempt = 0; attempt < 5; attempt++) {
            KubernetesInspector inspector = bySelector();
            PodFacts pod = inspector.pods().value().get(0);

            Inspection<ExecResult> refused =
                    inspector.exec(pod, List.of("curl", "--version"), Optional.empty(), Duration.ofSeconds(5));

            assertThat(refused.problem())
                    .startsWith("the Kubernetes API refused to exec into pod 'ai-gateway-5f7c9d-abcde' (container "
                            + "'ai-gateway') (HTTP 403 Forbidden")
                    .endsWith("the suite's account needs 'create' on 'pods/exec' in namespace 'gitlab' "
                            + "(the Role in docs/runtime.md grants exactly what the suite uses)");
        }
    }

    @Test
    void withoutNodesTheNodeSelectorTellsThePlatform() {
        GatewayPod pod = new GatewayPod("ai-gateway-5f7c9d-abcde");
        pod.nodeSelector = Map.of("kubernetes.io/arch", "arm64");
        cluster.add(pod.build(), container(Map.of()));
        cluster.forbid(Permission.GET_NODES);

        PodFacts facts = bySelector().pods().value().get(0);

        assertThat(facts.nodePlatform()).contains(Platform.of("linux", "arm64"));
        assertThat(facts.nodePlatformSource())
                .startsWith("the pod's nodeSelector kubernetes.io/arch (the Kubernetes API refused to get node "
                        + "'node-a' (HTTP 403 Forbidden")
                .contains("needs 'get' on 'nodes' (cluster-wide: a ClusterRole)");
    }

    @Test
    void aGetFromInsideThePodCarriesTheKeyOnStandardInputNeverInTheRequest() throws Exception {
        try (ModelServerSimulator model = new ModelServerSimulator(MODEL_KEY, Set.of(), Duration.ZERO)) {
            cluster.add(new GatewayPod("ai-gateway-5f7c9d-abcde").build(), container(Map.of()));
            KubernetesInspector inspector = bySelector();
            PodFacts pod = inspector.pods().value().get(0);

            Exchange withKey = inspector
                    .get(pod, URI.create(model.url() + "/v1/models"), Optional.of("Bearer " + MODEL_KEY))
                    .value();
            Exchange withoutKey = inspector
                    .get(pod, URI.create(model.url() + "/v1/models"), Optional.empty())
                    .value();

            assertThat(withKey.status()).isEqualTo(200);
            assertThat(withKey.body()).contains("\"object\"");
            assertThat(withoutKey.status()).isEqualTo(401);
            assertThat(withKey.transcript())
                    .contains("$ kubectl exec -n gitlab ai-gateway-5f7c9d-abcde -c ai-gateway -- sh -c");
            assertThat(cluster.requests())
                    .extracting(SimulatedCluster.Request::path)
                    .filteredOn(p -> p.contains("/exec"))
                    .hasSize(3)
                    .noneMatch(p -> p.contains(MODEL_KEY) || p.contains("Bearer"));
            assertThat(evidence).hasSize(2);
        }
    }

    @Test
    void execReportsExitCodesMissingExecutablesAndLogsAreRead() {
        cluster.add(
                new GatewayPod("ai-gateway-5f7c9d-abcde")
                        .crashLooping("Error", 1, "", 3)
                        .build(),
                container(Map.of()));
        cluster.logs(
                GatewayPod.NAMESPACE,
                "ai-gateway-5f7c9d-abcde",
                GatewayPod.CONTAINER,
                true,
                "line one\n[Errno 98] address already in use\n");
        KubernetesInspector inspector = bySelector();
        PodFacts pod = inspector.pods().value().get(0);

        ExecResult present = inspector
                .exec(pod, List.of("test", "-r", "/etc/ssl/none.pem"), Optional.empty(), Duration.ofSeconds(5))
                .value();
        ExecResult missing = inspector
                .exec(pod, List.of("python3", "--version"), Optional.empty(), Duration.ofSeconds(5))
                .value();

        assertThat(present.exitCode()).isEqualTo(1);
        assertThat(present.timedOut()).isFalse();
        assertThat(missing.executableMissing()).as("%s", missing).isTrue();
        assertThat(inspector.logs(pod, true).value()).contains("[Errno 98] address already in use");
        assertThat(inspector.logs(pod, false).ok()).isTrue();
        // As a person reads it: through the output pipeline (which shortens the quote of the API server's message).
        assertThat(Shown.plain(pod.describeState(), text -> text))
                .isEqualTo(
                        "waiting (CrashLoopBackOff): back-off 5m0s restarting failed container=ai-gateway "
                                + "pod=ai-gateway-5f7c9d-abcde_gitlab(0b6f3c1e), 3 restarts, last terminated (Error, exit code 1)");
    }

    @Test
    void aNamedPodThatDoesNotExistAndAContainerThePodLacksAreNamed() {
        cluster.add(new GatewayPod("ai-gateway-5f7c9d-abcde").build(), container(Map.of()));
        assertThat(inspector(Optional.empty(), Optional.of("ai-gateway-0"))
                        .pods()
                        .problem())
                .isEqualTo(
                        "there is no pod 'ai-gateway-0' in namespace 'gitlab' (`kubectl get pods -n gitlab` shows what there is); "
                                + "set ai_gateway.kubernetes.pod to the AI gateway's");
        Path kubeconfig = cluster.writeKubeconfig(home.resolve("kubeconfig"), GatewayPod.NAMESPACE);
        KubernetesInspector wrongContainer = new KubernetesInspector(
                new Environment.Kubernetes(
                        Optional.of(kubeconfig),
                        Optional.empty(),
                        GatewayPod.NAMESPACE,
                        Optional.of(GatewayPod.SELECTOR),
                        Optional.empty(),
                        Optional.of("gateway")),
                HTTP,
                new Memo(),
                redactor,
                evidence::add,
                name -> null);
        assertThat(wrongContainer.pods().problem())
                .isEqualTo("pod 'ai-gateway-5f7c9d-abcde' has no container 'gateway' (it has 'ai-gateway'); "
                        + "set ai_gateway.kubernetes.container to the AI gateway's");
    }

    @Test
    void anUnreachableApiServerIsOneProblemAfterOneTry() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path kubeconfig = home.resolve("unreachable");
        java.nio.file.Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: gone, cluster: {server: "https://127.0.0.1:%d"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: gone, context: {cluster: gone, user: u}}]
                current-context: gone
                """.formatted(closed));
        KubernetesInspector inspector = new KubernetesInspector(
                new Environment.Kubernetes(
                        Optional.of(kubeconfig),
                        Optional.empty(),
                        GatewayPod.NAMESPACE,
                        Optional.of(GatewayPod.SELECTOR),
                        Optional.empty(),
                        Optional.empty()),
                HTTP,
                new Memo(),
                redactor,
                evidence::add,
                name -> null);

        assertThat(inspector.pods().problem())
                .isEqualTo(
                        "cannot reach the Kubernetes API server at https://127.0.0.1:" + closed
                                + "/: connection refused (is it the cluster's API server address, and is this runner allowed to reach it?)");
    }
}
