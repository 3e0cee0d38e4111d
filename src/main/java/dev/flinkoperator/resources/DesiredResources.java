package dev.flinkoperator.resources;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Every Kubernetes object a FlinkDeployment should have, in the order they are written. */
public record DesiredResources(ConfigMap configMap, Deployment jobManager, Deployment taskManager,
        List<HasMetadata> others) {

    public static DesiredResources of(FlinkClusterModel model) {
        return of(model, null);
    }

    /** @param launch how an application cluster starts its job (see {@link JobLaunch}), or null */
    public static DesiredResources of(FlinkClusterModel model, JobLaunch launch) {
        SortedMap<String, String> flinkConfig = EffectiveFlinkConfig.of(model, launch);
        ConfigMap configMap = FlinkConfigMapBuilder.build(model, flinkConfig);
        Map<String, String> data = configMap.getData();
        String configHash = podConfigHash(model, flinkConfig, data);
        List<HasMetadata> others = new ArrayList<>();
        others.add(FlinkServiceBuilder.rest(model));
        others.add(FlinkServiceBuilder.internal(model));
        if (model.ingress() != null) {
            others.add(FlinkIngressBuilder.build(model));
        }
        Deployment taskManager = model.isNative() ? null : TaskManagerDeploymentBuilder.build(model, data, configHash);
        return new DesiredResources(configMap, JobManagerDeploymentBuilder.build(model, data, configHash),
                taskManager, List.copyOf(others));
    }

    /**
     * Pods start again when what they read at start changes, which their config-hash annotation tracks. An
     * application job's parallelism is left out: it changes in place (InPlaceScaling) or with a new cluster anyway.
     */
    private static String podConfigHash(FlinkClusterModel model, SortedMap<String, String> flinkConfig,
            Map<String, String> data) {
        if (!model.isApplication()) {
            return ContentHash.of(data.toString());
        }
        SortedMap<String, String> withoutParallelism = new TreeMap<>(flinkConfig);
        withoutParallelism.keySet().removeAll(EffectiveFlinkConfig.PARALLELISM_KEYS);
        return ContentHash.of(FlinkConfigMapBuilder.build(model, withoutParallelism).getData().toString());
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
