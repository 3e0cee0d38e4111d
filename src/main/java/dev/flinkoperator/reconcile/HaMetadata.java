package dev.flinkoperator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ConfigMaps in which Flink's Kubernetes high availability keeps a cluster's leaders and job graphs
 * ({@code <cluster-id>-cluster-config-map}) and each job's checkpoint pointers ({@code <cluster-id>-<job id>-config-map}).
 * Flink creates them and keeps them when its JobManager is deleted. They are found by name: Flink 1.x labels them,
 * but Flink 2's leader election creates the cluster's ConfigMap without labels. Read on demand during upgrades and
 * deletions, never watched.
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
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(clusterId + "-cluster-config-map").get();
        Map<String, String> data = map == null ? null : map.getData();
        if (data != null && data.keySet().removeIf(k -> JOB_GRAPH_PREFIXES.stream().anyMatch(k::startsWith))) {
            client.resource(map).update(); // with its resourceVersion: a concurrent change fails and is retried
        }
    }

    /** Removes all of it, for a deleted FlinkDeployment: a new one of the same name must not recover the old job. */
    public void deleteAll(String namespace, String clusterId) {
        Pattern ours = Pattern.compile(Pattern.quote(clusterId) + "-(cluster|[0-9a-f]{32})-config-map");
        client.configMaps().inNamespace(namespace).list().getItems().stream()
                .filter(map -> ours.matcher(map.getMetadata().getName()).matches())
                .forEach(map -> client.resource(map).delete());
    }
}
