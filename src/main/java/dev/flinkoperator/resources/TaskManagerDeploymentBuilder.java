package dev.flinkoperator.resources;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;

/** Standalone mode only: the TaskManager Deployment &lt;name&gt;-taskmanager (native mode lets Flink create pods). */
public final class TaskManagerDeploymentBuilder {
    private TaskManagerDeploymentBuilder() {
    }

    /** @param configHash what the pods' config-hash annotation says (see {@link DesiredResources}) */
    public static Deployment build(FlinkClusterModel model, Map<String, String> configMapData, String configHash) {
        FlinkPodTemplateBuilder pod = ComponentDeployment.pod(model, FlinkLabels.COMPONENT_TASKMANAGER, configMapData,
                configHash)
                .args(List.of("taskmanager"))
                .ports(List.of(JobManagerDeploymentBuilder.port("taskmanager-rpc", EffectiveFlinkConfig.TASKMANAGER_RPC_PORT)))
                .resources(model.taskManager().container());
        return ComponentDeployment.build(model, model.taskManagerDeploymentName(), FlinkLabels.COMPONENT_TASKMANAGER,
                model.taskManagerReplicas(), pod.build());
    }
}
