package dev.flinkoperator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The ConfigMaps in which Flink's Kubernetes high availability keeps a cluster's leaders, job graphs and checkpoint
 * pointers. Flink creates them (labelled with the cluster id) and keeps them when its JobManager is deleted; read on
 * demand during upgrades and deletions, never watched.
 */
@ApplicationScoped
public class HaMetadata {
    // Flink 1.x stores "jobGraph-<id>"; Flink 2 renamed the job graph store to the execution plan store.
    private static final List<String> JOB_GRAPH_PREFIXES = List.of("jobGraph-", "executionPlan-");

    private final KubernetesClient client;

    public HaMetadata(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Drops the stored job graphs, so the next JobManager submits the job of the new spec instead of recovering the
     * old one; the checkpoint pointers stay, and the job (under the same id) restores the latest of them.
     */
    public void forgetJobGraphs(String namespace, String clusterId) {
        for (ConfigMap map : list(namespace, clusterId)) {
            Map<String, String> data = map.getData();
            if (data != null && data.keySet().removeIf(k -> JOB_GRAPH_PREFIXES.stream().anyMatch(k::startsWith))) {
                client.resource(map).update(); // with its resourceVersion: a concurrent change fails and is retried
            }
        }
    }

    /** Removes all of it, for a deleted FlinkDeployment: a new one of the same name must not recover the old job. */
    public void deleteAll(String namespace, String clusterId) {
        client.configMaps().inNamespace(namespace).withLabels(labels(clusterId)).delete();
    }

    private List<ConfigMap> list(String namespace, String clusterId) {
        return client.configMaps().inNamespace(namespace).withLabels(labels(clusterId)).list().getItems();
    }

    private static Map<String, String> labels(String clusterId) {
        return Map.of("app", clusterId, "configmap-type", "high-availability");
    }
}
