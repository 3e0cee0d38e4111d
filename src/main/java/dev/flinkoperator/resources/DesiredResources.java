package dev.flinkoperator.resources;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every Kubernetes object a FlinkDeployment should have, in the order they are written. */
public record DesiredResources(ConfigMap configMap, Deployment jobManager, Deployment taskManager,
        List<HasMetadata> others) {

    public static DesiredResources of(FlinkClusterModel model) {
        return of(model, null);
    }

    /** @param launch how an application cluster starts its job (see {@link JobLaunch}), or null */
    public static DesiredResources of(FlinkClusterModel model, JobLaunch launch) {
        ConfigMap configMap = FlinkConfigMapBuilder.build(model, EffectiveFlinkConfig.of(model, launch));
        Map<String, String> data = configMap.getData();
        List<HasMetadata> others = new ArrayList<>();
        others.add(FlinkServiceBuilder.rest(model));
        others.add(FlinkServiceBuilder.internal(model));
        if (model.ingress() != null) {
            others.add(FlinkIngressBuilder.build(model));
        }
        Deployment taskManager = model.isNative() ? null : TaskManagerDeploymentBuilder.build(model, data);
        return new DesiredResources(configMap, JobManagerDeploymentBuilder.build(model, data), taskManager,
                List.copyOf(others));
    }

    /** ConfigMap first (pods mount it), then services, then Deployments. */
    public List<HasMetadata> inWriteOrder() {
        List<HasMetadata> all = new ArrayList<>();
        all.add(configMap);
        all.addAll(others);
        all.add(jobManager);
        if (taskManager != null) {
            all.add(taskManager);
        }
        return all;
    }
}
