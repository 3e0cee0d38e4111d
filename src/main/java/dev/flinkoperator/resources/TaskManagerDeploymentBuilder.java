package dev.flinkoperator.resources;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;

/** Standalone mode only: the TaskManager Deployment &lt;name&gt;-taskmanager (native mode lets Flink create pods). */
public final class TaskManagerDeploymentBuilder {
    private TaskManagerDeploymentBuilder() {
    }

    public static Deployment build(FlinkClusterModel model, Map<String, String> configMapData) {
        FlinkPodTemplateBuilder pod = new FlinkPodTemplateBuilder(model, model.taskManagerPod())
                .labels(FlinkLabels.component(model.name(), FlinkLabels.COMPONENT_TASKMANAGER))
                .annotation(FlinkLabels.CONFIG_HASH, ContentHash.of(configMapData.toString()))
                .args(List.of("taskmanager"))
                .ports(List.of(JobManagerDeploymentBuilder.port("taskmanager-rpc", EffectiveFlinkConfig.TASKMANAGER_RPC_PORT)))
                .resources(model.taskManager().container())
                .configMapVolume(FlinkPodTemplateBuilder.CONFIG_VOLUME, EffectiveFlinkConfig.CONF_DIR,
                        configMapData.keySet().stream().filter(FlinkConfigMapBuilder::isConfDirFile).toList());
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(model.taskManagerDeploymentName())
                .withNamespace(model.namespace())
                .withLabels(FlinkLabels.component(model.name(), FlinkLabels.COMPONENT_TASKMANAGER))
                .withOwnerReferences(model.owner())
                .endMetadata()
                .withNewSpec()
                .withReplicas(model.taskManagerReplicas())
                // A job restarts when any TaskManager goes away, so replacing all at once is the quicker path.
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector()
                .withMatchLabels(FlinkLabels.selector(model.name(), FlinkLabels.COMPONENT_TASKMANAGER))
                .endSelector()
                .withTemplate(pod.build())
                .endSpec()
                .build();
    }
}
