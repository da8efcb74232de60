package dev.duoconformance.simulator.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AI gateway pod as GitLab's Helm chart deploys it and the kubelet reports it (labels
 * {@code app.kubernetes.io/name=ai-gateway}, container {@code ai-gateway}), healthy by default; each documented fault
 * changes the one thing the doc names. Built with fabric8's model, so it serializes as the API's JSON does.
 */
public final class GatewayPod {
    public static final String NAMESPACE = "gitlab";
    public static final String CONTAINER = "ai-gateway";
    public static final String SELECTOR = "app.kubernetes.io/name=ai-gateway";
    public static final String IMAGE =
            "registry.gitlab.com/gitlab-org/modelops/applied-ml/code-suggestions/ai-assist/model-gateway:self-hosted-v18.6.0-ee";
    private static final String IMAGE_ID =
            "registry.gitlab.com/gitlab-org/modelops/applied-ml/code-suggestions/ai-assist/model-gateway"
                    + "@sha256:4f0e5d0c3b8b7b3c0d1f2a9e8c7b6a5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b";

    public final String name;
    public String node = "node-a";
    public boolean hostNetwork = true;
    public final List<EnvVar> env = new ArrayList<>();
    public final List<EnvFromSource> envFrom = new ArrayList<>();
    /** Other containers of the pod and the ports they declare. */
    public final Map<String, Integer> sidecars = new LinkedHashMap<>();

    public Map<String, String> nodeSelector = Map.of();
    public ContainerState state = new ContainerStateBuilder()
            .withNewRunning()
            .withStartedAt("2026-11-29T06:00:00Z")
            .endRunning()
            .build();
    public ContainerState lastState = new ContainerState();
    public int restartCount;
    public String phase = "Running";

    public GatewayPod(String name) {
        this.name = name;
    }

    public GatewayPod literal(String variable, String value) {
        env.removeIf(e -> e.getName().equals(variable));
        env.add(new EnvVarBuilder().withName(variable).withValue(value).build());
        return this;
    }

    public GatewayPod fromSecret(String variable, String secret, String key) {
        env.removeIf(e -> e.getName().equals(variable));
        env.add(new EnvVarBuilder()
                .withName(variable)
                .withNewValueFrom()
                .withNewSecretKeyRef(key, secret, false)
                .endValueFrom()
                .build());
        return this;
    }

    public GatewayPod fromConfigMap(String variable, String map, String key) {
        env.removeIf(e -> e.getName().equals(variable));
        env.add(new EnvVarBuilder()
                .withName(variable)
                .withNewValueFrom()
                .withNewConfigMapKeyRef(key, map, false)
                .endValueFrom()
                .build());
        return this;
    }

    public GatewayPod without(String variable) {
        env.removeIf(e -> e.getName().equals(variable));
        return this;
    }

    /** A container the kubelet keeps restarting: waiting in CrashLoopBackOff, the last instance terminated as given. */
    public GatewayPod crashLooping(String reason, int exitCode, String message, int restarts) {
        state = new ContainerStateBuilder()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .withMessage("back-off 5m0s restarting failed container=" + CONTAINER + " pod=" + name + "_" + NAMESPACE
                        + "(0b6f3c1e)")
                .endWaiting()
                .build();
        lastState = new ContainerStateBuilder()
                .withNewTerminated()
                .withReason(reason)
                .withExitCode(exitCode)
                .withMessage(message)
                .withStartedAt("2026-11-29T06:00:00Z")
                .withFinishedAt("2026-11-29T06:00:01Z")
                .endTerminated()
                .build();
        restartCount = restarts;
        return this;
    }

    public Pod build() {
        var spec = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .addToLabels("app.kubernetes.io/name", "ai-gateway")
                .addToLabels("app.kubernetes.io/instance", "gitlab-ai-gateway")
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .withHostNetwork(hostNetwork)
                .withNodeSelector(nodeSelector)
                .addToContainers(new ContainerBuilder()
                        .withName(CONTAINER)
                        .withImage(IMAGE)
                        .withEnv(env)
                        .withEnvFrom(envFrom)
                        .addNewPort()
                        .withName("http")
                        .withContainerPort(5052)
                        .endPort()
                        .build());
        sidecars.forEach((sidecar, port) -> spec.addToContainers(new ContainerBuilder()
                .withName(sidecar)
                .withImage("vllm/vllm-openai:v0.6.3")
                .addNewPort()
                .withContainerPort(port)
                .endPort()
                .build()));
        return spec.endSpec()
                .withNewStatus()
                .withPhase(phase)
                .withPodIP("10.42.0.17")
                .withHostIP("10.0.0.11")
                .addToContainerStatuses(new ContainerStatusBuilder()
                        .withName(CONTAINER)
                        .withImage(IMAGE)
                        .withImageID(IMAGE_ID)
                        .withReady(state.getRunning() != null)
                        .withStarted(state.getRunning() != null)
                        .withRestartCount(restartCount)
                        .withState(state)
                        .withLastState(lastState)
                        .build())
                .endStatus()
                .build();
    }

    /** A node as the kubelet registers it: {@code status.nodeInfo} carries the OS and architecture. */
    public static Node node(String name, String os, String architecture) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("kubernetes.io/arch", architecture)
                .addToLabels("kubernetes.io/os", os)
                .endMetadata()
                .withNewStatus()
                .withNewNodeInfo()
                .withArchitecture(architecture)
                .withOperatingSystem(os)
                .withContainerRuntimeVersion("containerd://1.7.22")
                .withKubeletVersion("v1.31.2")
                .withOsImage("Ubuntu 24.04.1 LTS")
                .withKernelVersion("6.8.0-48-generic")
                .withMachineID("m")
                .withSystemUUID("s")
                .withBootID("b")
                .withKubeProxyVersion("")
                .endNodeInfo()
                .endStatus()
                .build();
    }
}
