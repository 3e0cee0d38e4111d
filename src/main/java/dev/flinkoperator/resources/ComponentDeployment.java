package dev.flinkoperator.resources;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;

/** The Deployment shape JobManager and TaskManager share: labels, owner, selector, Recreate strategy. */
final class ComponentDeployment {
    private ComponentDeployment() {
    }

    /** A pod template builder with the cluster's labels, config mount and config hash for {@code component}. */
    static FlinkPodTemplateBuilder pod(FlinkClusterModel model, String component, Map<String, String> configMapData,
            String configHash) {
        return new FlinkPodTemplateBuilder(model,
                component.equals(FlinkLabels.COMPONENT_JOBMANAGER) ? model.jobManagerPod() : model.taskManagerPod())
                .labels(FlinkLabels.component(model.name(), component))
                .annotation(FlinkLabels.CONFIG_HASH, configHash)
                .configMapVolume(FlinkPodTemplateBuilder.CONFIG_VOLUME, EffectiveFlinkConfig.CONF_DIR,
                        configMapData.keySet().stream().filter(FlinkConfigMapBuilder::isConfDirFile).toList());
    }

    static Deployment build(FlinkClusterModel model, String name, String component, int replicas,
            PodTemplateSpec pod) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(model.namespace())
                .withLabels(FlinkLabels.component(model.name(), component))
                .withOwnerReferences(model.owner())
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                // Never two JobManagers of a non-HA cluster at once; and a job restarts when any TaskManager goes
                // away, so replacing all TaskManagers at once is the quicker path too.
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(FlinkLabels.selector(model.name(), component)).endSelector()
                .withTemplate(pod)
                .endSpec()
                .build();
    }
}
