package dev.flinkoperator.reconcile;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.resources.FlinkLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The pods of one Flink cluster, read on demand rather than watched: a pod informer would hold every Flink pod of the
 * cluster in memory, while the operator needs pods only while a JobManager is not coming up and at deletion.
 */
@ApplicationScoped
public class ClusterPods {
    private final KubernetesClient client;

    public ClusterPods(KubernetesClient client) {
        this.client = client;
    }

    public List<Pod> jobManagerPods(FlinkDeployment deployment) {
        String name = deployment.getMetadata().getName();
        return list(deployment, FlinkLabels.selector(name, FlinkLabels.COMPONENT_JOBMANAGER));
    }

    /**
     * Deletes the JobManager and TaskManager pods still there (Flink creates TaskManager pods itself in native mode).
     * The garbage collector would remove them too, but only after the resource is gone; a FlinkDeployment re-created
     * under the same name must not meet the old cluster's TaskManagers.
     */
    public void deleteAll(FlinkDeployment deployment) {
        for (Pod pod : all(deployment)) {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        }
    }

    /** Whether any JobManager or TaskManager pod of the cluster is still there (terminating ones included). */
    public boolean anyLeft(FlinkDeployment deployment) {
        return !all(deployment).isEmpty();
    }

    private List<Pod> all(FlinkDeployment deployment) {
        String name = deployment.getMetadata().getName();
        return list(deployment, Map.of(FlinkLabels.APP, name, FlinkLabels.TYPE, FlinkLabels.TYPE_NATIVE));
    }

    private List<Pod> list(FlinkDeployment deployment, Map<String, String> labels) {
        return client.pods().inNamespace(deployment.getMetadata().getNamespace()).withLabels(labels).list().getItems();
    }
}
