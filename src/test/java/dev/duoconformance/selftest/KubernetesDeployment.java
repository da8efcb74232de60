package dev.duoconformance.selftest;

import dev.duoconformance.simulator.kubernetes.GatewayPod;
import dev.duoconformance.simulator.kubernetes.SimulatedCluster;
import dev.duoconformance.simulator.kubernetes.SimulatedContainer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AI gateway on a simulated Kubernetes cluster for a self-test, and the environment file that points the suite at
 * it: its replicas (pods with what each container sees, Secret values included), the nodes, ConfigMaps and Secrets,
 * and the logs. Healthy by default; each documented fault changes the one thing the doc names.
 */
final class KubernetesDeployment {
    static final String CA_IN_CONTAINER = "/etc/duo-ca/private-ca.pem";

    /** One replica: its pod as the API shows it, and the values its container sees that the API does not show. */
    static final class Replica {
        final GatewayPod pod;
        final Map<String, String> secretValues = new HashMap<>();
        /**
         * The image's own ENV, which the container sees and the pod spec does not show: the self-hosted image's defaults
         * (ai-gateway docker/self_hosted/Dockerfile: ENV AIGW_CUSTOM_MODELS__ENABLED=true, AIGW_FASTAPI__API_PORT=5052,
         * ENABLE_DUO_WORKFLOW_SERVICE=true).
         */
        final Map<String, String> imageEnv = new HashMap<>(Map.of(
                "AIGW_CUSTOM_MODELS__ENABLED",
                "true",
                "AIGW_FASTAPI__API_PORT",
                "5052",
                "ENABLE_DUO_WORKFLOW_SERVICE",
                "true"));

        boolean gatewayServes = true;
        String log = "";
        String previousLog;

        Replica(GatewayPod pod) {
            this.pod = pod;
        }
    }

    final List<Replica> replicas = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>(List.of(GatewayPod.node("node-a", "linux", "amd64")));
    final List<ConfigMap> configMaps = new ArrayList<>();
    final List<Secret> secrets = new ArrayList<>();
    final Set<String> clusterNames = new java.util.HashSet<>();
    final Map<String, Path> files = new LinkedHashMap<>();
    /** Write the gitlab block (gitlab.url) into the environment file. */
    boolean gitlabBlock = true;

    String gitlabUrl;
    /** GitLab as the pod network reaches it: a Service name the cluster's DNS resolves, and its port. */
    String gitlabService;

    int gitlabServicePort;
    String modelEndpoint;
    /** Holds the model server's key in the tests' process environment (set by the pom's surefire configuration). */
    static final String MODEL_KEY_VARIABLE = "DUO_SELFTEST_K8S_MODEL_KEY";

    Path caBundle;

    Replica replica(String name) {
        Replica replica = new Replica(new GatewayPod(name));
        replicas.add(replica);
        return replica;
    }

    /** Every replica gets the same variable, as a Deployment's template gives it. */
    void literal(String variable, String value) {
        replicas.forEach(r -> r.pod.literal(variable, value));
    }

    void without(String variable) {
        replicas.forEach(r -> r.pod.without(variable));
    }

    /** Points the replicas at GitLab's Service, as pods on the pod network reach it; the runner has no such name, so no gitlab block. */
    void useGitLabService() {
        gitlabBlock = false;
        clusterNames.add(gitlabService);
        String base = "http://" + gitlabService + ":" + gitlabServicePort + "/";
        literal("AIGW_GITLAB_URL", base);
        literal("AIGW_GITLAB_API_URL", base + "api/v4/");
    }

    /** Puts the objects into the cluster's API and each replica's container behind its exec. */
    void deploy(SimulatedCluster cluster) {
        nodes.forEach(cluster::add);
        configMaps.forEach(cluster::add);
        secrets.forEach(cluster::add);
        for (Replica replica : replicas) {
            Map<String, String> seen = new LinkedHashMap<>(replica.imageEnv);
            replica.pod.env.forEach(e -> {
                if (e.getValue() != null) {
                    seen.put(e.getName(), e.getValue());
                } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
                    var ref = e.getValueFrom().getConfigMapKeyRef();
                    configMaps.stream()
                            .filter(m -> m.getMetadata().getName().equals(ref.getName()))
                            .findFirst()
                            .map(m -> m.getData().get(ref.getKey()))
                            .ifPresent(v -> seen.put(e.getName(), v));
                }
            });
            seen.putAll(replica.secretValues);
            cluster.add(
                    replica.pod.build(),
                    new SimulatedContainer(
                            seen,
                            files,
                            replica.pod.hostNetwork,
                            Set.copyOf(replica.pod.sidecars.values()),
                            replica.gatewayServes,
                            clusterNames));
            cluster.logs(GatewayPod.NAMESPACE, replica.pod.name, GatewayPod.CONTAINER, false, replica.log);
            if (replica.previousLog != null) {
                cluster.logs(GatewayPod.NAMESPACE, replica.pod.name, GatewayPod.CONTAINER, true, replica.previousLog);
            }
        }
    }

    /** Writes {@code <directory>/<name>.yaml}, with a kubeconfig for the cluster beside it. */
    void writeEnvironment(SimulatedCluster cluster, Path directory, String name) {
        Path kubeconfig = cluster.writeKubeconfig(directory.resolve(name + ".kubeconfig"), GatewayPod.NAMESPACE);
        StringBuilder yaml = new StringBuilder();
        if (gitlabBlock) {
            yaml.append("gitlab:\n  url: ").append(gitlabUrl).append('\n');
        }
        yaml.append("ai_gateway:\n  expected_url: http://aigw.internal:5052\n  auth_bypass_expected: false\n")
                .append("  kubernetes:\n    kubeconfig: ")
                .append(kubeconfig)
                .append("\n    context: selftest\n")
                .append("    namespace: ")
                .append(GatewayPod.NAMESPACE)
                .append("\n    selector: ")
                .append(GatewayPod.SELECTOR)
                .append("\n    container: ")
                .append(GatewayPod.CONTAINER)
                .append('\n')
                .append("models:\n  - name: mistral-7b\n    family: mistral\n    endpoint: ")
                .append(modelEndpoint)
                .append('\n')
                .append("    identifier: custom_openai/Mistral-7B-Instruct-v0.3\n")
                // The loader takes secrets only from variables; an unset one with a default stands in for an exported
                // key.
                // Secrets come from variables only (a default would be a literal): the build exports this one.
                .append("    api_key: ${")
                .append(MODEL_KEY_VARIABLE)
                .append("}\n")
                // Generous: the simulated cluster shares a busy machine with the other self-tests; a deadline is only
                // ever waited out on a fault.
                .append("http:\n  connect_timeout: 5s\n  request_timeout: 20s\n  ca_bundle: ")
                .append(caBundle)
                .append('\n');
        try {
            Files.writeString(directory.resolve(name + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
