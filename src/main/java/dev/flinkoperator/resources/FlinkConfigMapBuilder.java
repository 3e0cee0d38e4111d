package dev.flinkoperator.resources;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.TreeMap;

/** ConfigMap flink-config-&lt;name&gt;: the Flink configuration file, logging files and the TaskManager pod template. */
public final class FlinkConfigMapBuilder {
    private FlinkConfigMapBuilder() {
    }

    public static ConfigMap build(FlinkClusterModel model, Map<String, String> effectiveConfig) {
        Map<String, String> data = new TreeMap<>();
        data.put(model.configFileName(),
                FlinkConfigRenderer.render(effectiveConfig, model.version().usesStandardYaml()));
        data.put(DefaultLogConfig.LOG4J_FILE, DefaultLogConfig.LOG4J_CONSOLE);
        data.putAll(model.logConfiguration());
        if (model.isNative()) {
            data.put(EffectiveFlinkConfig.TASKMANAGER_POD_TEMPLATE_FILE, taskManagerPodTemplate(model));
        }
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(model.configMapName())
                .withNamespace(model.namespace())
                .withLabels(FlinkLabels.cluster(model.name()))
                .withOwnerReferences(model.owner())
                .endMetadata()
                .withData(data)
                .build();
    }

    /** Files mounted into Flink's conf dir (the pod template is mounted elsewhere). */
    public static boolean isConfDirFile(String key) {
        return !key.equals(EffectiveFlinkConfig.TASKMANAGER_POD_TEMPLATE_FILE);
    }

    // Flink builds the TaskManager pods itself from this template (sidecars, volumes, tolerations, ...).
    private static String taskManagerPodTemplate(FlinkClusterModel model) {
        Pod template = new PodBuilder(model.taskManagerPod()).withApiVersion("v1").withKind("Pod").withStatus(null).build();
        return Serialization.asYaml(template);
    }
}
