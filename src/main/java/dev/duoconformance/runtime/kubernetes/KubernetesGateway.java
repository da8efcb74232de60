package dev.duoconformance.runtime.kubernetes;

import dev.duoconformance.catalogue.Section;
import dev.duoconformance.runtime.GatewayInstance;
import dev.duoconformance.runtime.GatewayRuntime;
import dev.duoconformance.runtime.Inspection;
import java.util.List;

/** The AI gateway as the replicas of a Kubernetes workload: one {@link GatewayInstance} per pod, read through {@link KubernetesInspector}. */
public final class KubernetesGateway implements GatewayRuntime {
    private final KubernetesInspector kubernetes;

    public KubernetesGateway(KubernetesInspector kubernetes) {
        this.kubernetes = kubernetes;
    }

    @Override
    public Inspection<List<GatewayInstance>> instances() {
        Inspection<List<PodFacts>> pods = kubernetes.pods();
        if (!pods.ok()) {
            return Inspection.problem(pods.problem());
        }
        return Inspection.of(pods.value().stream()
                .map(pod -> (GatewayInstance)
                        new KubernetesReplica(kubernetes, pod, pods.value().size()))
                .toList());
    }

    @Override
    public String stepsWording() {
        return Section.KUBERNETES;
    }

    @Override
    public void close() {
        kubernetes.close();
    }
}
