package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duoconformance.config.ConfigurationException;
import dev.duoconformance.config.Environment;
import dev.duoconformance.config.EnvironmentLoader;
import dev.duoconformance.config.SimulatedDeployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ai_gateway.kubernetes}: validated like every other key, one message naming the key and what to write. */
class KubernetesConfigurationTest {
    @TempDir
    Path environments;

    @TempDir
    Path home;

    private final Map<String, String> processEnvironment = new HashMap<>();
    private Path kubeconfig;

    @BeforeEach
    void aKubeconfigWithTwoContexts() throws IOException {
        kubeconfig = home.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: prod
                    cluster: {server: "https://10.0.0.1:6443"}
                users:
                  - name: duo-conformance
                    user: {token: "not-a-real-token"}
                contexts:
                  - name: prod-admin
                    context: {cluster: prod, user: duo-conformance, namespace: gitlab}
                  - name: prod-readonly
                    context: {cluster: prod, user: duo-conformance}
                current-context: prod-admin
                """);
        processEnvironment.put("KUBECONFIG", kubeconfig.toString());
    }

    private Environment load(String kubernetesBlock) throws IOException {
        Files.writeString(
                environments.resolve("prod.yaml"),
                "ai_gateway:\n  url: http://aigw:5052\n" + kubernetesBlock.indent(2));
        return new EnvironmentLoader(environments, processEnvironment::get)
                .load("prod", SimulatedDeployment.Settings.none())
                .environment();
    }

    @Test
    void aSelectorInANamespaceThroughAKubeconfigContext() throws IOException {
        Environment.Kubernetes kubernetes =
                load("""
                kubernetes:
                  kubeconfig: ${KUBECONFIG}
                  context: prod-readonly
                  namespace: gitlab
                  selector: app.kubernetes.io/name=ai-gateway, app.kubernetes.io/instance in (gitlab, gitlab-aigw),!canary
                  container: ai-gateway
                """).aiGateway().orElseThrow().kubernetes().orElseThrow();
        assertThat(kubernetes.kubeconfig()).contains(kubeconfig);
        assertThat(kubernetes.context()).contains("prod-readonly");
        assertThat(kubernetes.inCluster()).isFalse();
        assertThat(kubernetes.describePods())
                .isEqualTo("pods matching 'app.kubernetes.io/name=ai-gateway, "
                        + "app.kubernetes.io/instance in (gitlab, gitlab-aigw),!canary' in namespace 'gitlab'");
        assertThat(kubernetes.container()).contains("ai-gateway");
    }

    @Test
    void withoutAKubeconfigTheRunnerMustBeInAPod() throws IOException {
        String block = "kubernetes:\n  namespace: gitlab\n  pod: ai-gateway-7d9f8c6b5-x2x9q\n";
        assertThatThrownBy(() -> load(block))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("KUBERNETES_SERVICE_HOST is not set: this runner is not inside a pod")
                .hasMessageContaining("Set ai_gateway.kubernetes.kubeconfig");
        processEnvironment.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        Environment.Kubernetes kubernetes =
                load(block).aiGateway().orElseThrow().kubernetes().orElseThrow();
        assertThat(kubernetes.inCluster()).isTrue();
        assertThat(kubernetes.pod()).contains("ai-gateway-7d9f8c6b5-x2x9q");
        assertThat(kubernetes.container()).isEmpty();
    }

    @Test
    void dockerAndKubernetesTogetherAreRefused() {
        assertThatThrownBy(() -> load("""
                docker:
                  container: ai-gateway
                kubernetes:
                  kubeconfig: ${KUBECONFIG}
                  namespace: gitlab
                  pod: ai-gateway-0
                """))
                .hasMessageContaining("ai_gateway has both docker and kubernetes")
                .hasMessageContaining("keep ai_gateway.docker for a container, or ai_gateway.kubernetes for pods");
    }

    @Test
    void exactlyOneOfSelectorAndPod() {
        assertThatThrownBy(() -> load("kubernetes:\n  kubeconfig: ${KUBECONFIG}\n  namespace: gitlab\n"))
                .hasMessageContaining("needs exactly one of selector")
                .hasMessageEndingWith("it has neither.");
        assertThatThrownBy(
                        () -> load(
                                "kubernetes:\n  kubeconfig: ${KUBECONFIG}\n  namespace: gitlab\n  selector: app=aigw\n  pod: aigw-0\n"))
                .hasMessageEndingWith("it has both.");
    }

    @Test
    void anUnknownKeySuggestsTheClosestOne() {
        assertThatThrownBy(() -> load("kubernetes:\n  kubeconfig: ${KUBECONFIG}\n  namespce: gitlab\n  pod: aigw-0\n"))
                .hasMessageContaining("unknown key 'ai_gateway.kubernetes.namespce'")
                .hasMessageContaining("Did you mean 'namespace'?")
                .hasMessageContaining("kubeconfig, context, namespace, selector, pod, container");
    }

    @Test
    void theKubeconfigMustBeAReadableFileThatHoldsTheContext() throws IOException {
        assertThatThrownBy(() -> load("kubernetes:\n  kubeconfig: " + home + "\n  namespace: gitlab\n  pod: aigw-0\n"))
                .hasMessageContaining("ai_gateway.kubernetes.kubeconfig '" + home + "' is not a readable file");
        processEnvironment.put("KUBECONFIG", kubeconfig + ":" + home.resolve("other"));
        assertThatThrownBy(() -> load("kubernetes:\n  kubeconfig: ${KUBECONFIG}\n  namespace: gitlab\n  pod: aigw-0\n"))
                .hasMessageContaining("colon-separated lists are not read");
        processEnvironment.put("KUBECONFIG", kubeconfig.toString());
        assertThatThrownBy(
                        () -> load(
                                "kubernetes:\n  kubeconfig: ${KUBECONFIG}\n  context: prod-readonyl\n  namespace: gitlab\n  pod: aigw-0\n"))
                .hasMessageContaining("ai_gateway.kubernetes.context 'prod-readonyl' is not in " + kubeconfig)
                .hasMessageContaining("Did you mean 'prod-readonly'?");
        assertThatThrownBy(() -> load("kubernetes:\n  context: prod-admin\n  namespace: gitlab\n  pod: aigw-0\n"))
                .hasMessageContaining("ai_gateway.kubernetes.context needs ai_gateway.kubernetes.kubeconfig");
        Files.writeString(kubeconfig, Files.readString(kubeconfig).replace("current-context: prod-admin", ""));
        assertThatThrownBy(() -> load("kubernetes:\n  kubeconfig: ${KUBECONFIG}\n  namespace: gitlab\n  pod: aigw-0\n"))
                .hasMessageContaining(
                        "has no current-context. Set ai_gateway.kubernetes.context to one of: prod-admin, prod-readonly.");
        Files.writeString(kubeconfig, "[not, a, kubeconfig]");
        assertThatThrownBy(() -> load("kubernetes:\n  kubeconfig: ${KUBECONFIG}\n  namespace: gitlab\n  pod: aigw-0\n"))
                .hasMessageContaining("defines no context");
    }

    @Test
    void namesAreCheckedAsKubernetesSpellsThem() {
        assertThatThrownBy(() ->
                        load("kubernetes:\n  kubeconfig: ${KUBECONFIG}\n  namespace: GitLab_Prod\n  pod: aigw-0\n"))
                .hasMessageContaining("ai_gateway.kubernetes.namespace 'GitLab_Prod' is not a namespace name");
        assertThatThrownBy(() -> load("kubernetes:\n  kubeconfig: ${KUBECONFIG}\n  pod: aigw-0\n"))
                .hasMessageContaining("ai_gateway.kubernetes.namespace is required");
        assertThatThrownBy(() -> load(
                        "kubernetes:\n  kubeconfig: ${KUBECONFIG}\n  namespace: gitlab\n  pod: ../../etc/passwd\n"))
                .hasMessageContaining("ai_gateway.kubernetes.pod '../../etc/passwd' is not a pod name");
        assertThatThrownBy(
                        () -> load(
                                "kubernetes:\n  kubeconfig: ${KUBECONFIG}\n  namespace: gitlab\n  pod: aigw-0\n  container: AI Gateway\n"))
                .hasMessageContaining("ai_gateway.kubernetes.container 'AI Gateway' is not a container name");
        assertThatThrownBy(
                        () -> load(
                                "kubernetes:\n  kubeconfig: ${KUBECONFIG}\n  namespace: gitlab\n  selector: \"app: ai-gateway\"\n"))
                .hasMessageContaining("ai_gateway.kubernetes.selector 'app: ai-gateway' is not a label selector")
                .hasMessageContaining("app.kubernetes.io/name=ai-gateway");
        assertThatThrownBy(
                        () -> load("kubernetes:\n  kubeconfig: ${KUBECONFIG}\n  namespace: [gitlab]\n  pod: aigw-0\n"))
                .hasMessageContaining("ai_gateway.kubernetes.namespace must be a single value");
    }
}
