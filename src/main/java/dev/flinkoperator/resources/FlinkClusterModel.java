package dev.flinkoperator.resources;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.spec.FlinkDeploymentSpec;
import dev.flinkoperator.crd.spec.FlinkVersion;
import dev.flinkoperator.crd.spec.IngressSpec;
import dev.flinkoperator.crd.spec.JobManagerSpec;
import dev.flinkoperator.crd.spec.JobSpec;
import dev.flinkoperator.crd.spec.KubernetesDeploymentMode;
import dev.flinkoperator.crd.spec.TaskManagerSpec;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.SortedMap;

/**
 * Everything the builders need about one FlinkDeployment, resolved once from its spec: defaults applied, sizes parsed,
 * pod templates merged. Building it is where a spec that cannot be deployed is rejected.
 */
public record FlinkClusterModel(
        String name,
        String namespace,
        OwnerReference owner,
        FlinkVersion version,
        KubernetesDeploymentMode mode,
        String image,
        String imagePullPolicy,
        String serviceAccount,
        JobSpec job,
        SortedMap<String, String> userConfig,
        ComponentResources jobManager,
        ComponentResources taskManager,
        int jobManagerReplicas,
        int slots,
        Integer parallelism,
        int taskManagerReplicas,
        Pod jobManagerPod,
        Pod taskManagerPod,
        Map<String, String> logConfiguration,
        IngressSpec ingress) {

    // Flink's own defaults for the total process memory of each component.
    static final MemorySize DEFAULT_JOBMANAGER_MEMORY = MemorySize.parse("1600m", "default");
    static final MemorySize DEFAULT_TASKMANAGER_MEMORY = MemorySize.parse("1728m", "default");

    public static FlinkClusterModel from(FlinkDeployment deployment) {
        FlinkDeploymentSpec spec = deployment.getSpec();
        if (spec == null) {
            throw new InvalidSpecException("spec is missing");
        }
        String name = deployment.getMetadata().getName();
        FlinkVersion version = FlinkVersion.parse(spec.flinkVersion).orElseThrow(() -> new InvalidSpecException(
                "spec.flinkVersion '" + spec.flinkVersion + "' is not a known Flink version"));
        SortedMap<String, String> userConfig = FlinkConfigFlattener.flatten(spec.flinkConfiguration);
        JobManagerSpec jm = spec.jobManager == null ? new JobManagerSpec() : spec.jobManager;
        TaskManagerSpec tm = spec.taskManager == null ? new TaskManagerSpec() : spec.taskManager;
        KubernetesDeploymentMode mode = spec.mode == null ? KubernetesDeploymentMode.NATIVE : spec.mode;

        ComponentResources jmResources = ComponentResources.resolve("spec.jobManager", jm.resource, jm.resources,
                configuredMemory(userConfig, "jobmanager.memory.process.size", DEFAULT_JOBMANAGER_MEMORY));
        ComponentResources tmResources = ComponentResources.resolve("spec.taskManager", tm.resource, tm.resources,
                configuredMemory(userConfig, "taskmanager.memory.process.size", DEFAULT_TASKMANAGER_MEMORY));

        int slots = positiveInt(userConfig.getOrDefault("taskmanager.numberOfTaskSlots", "1"),
                "flinkConfiguration taskmanager.numberOfTaskSlots");
        Integer parallelism = spec.job == null ? null : spec.job.parallelism;
        int tmReplicas = taskManagerReplicas(tm.replicas, spec.job != null, parallelism, slots);
        if (spec.ingress != null) {
            FlinkIngressBuilder.HostAndPath.parse(spec.ingress.template, name, deployment.getMetadata().getNamespace());
        }

        return new FlinkClusterModel(
                name,
                deployment.getMetadata().getNamespace(),
                ownerReference(deployment),
                version,
                mode,
                spec.image,
                spec.imagePullPolicy,
                spec.serviceAccount,
                spec.job,
                userConfig,
                jmResources,
                tmResources,
                jm.replicas == null ? 1 : jm.replicas,
                slots,
                parallelism,
                tmReplicas,
                PodTemplateMerger.merge(spec.podTemplate, jm.podTemplate),
                PodTemplateMerger.merge(spec.podTemplate, tm.podTemplate),
                spec.logConfiguration == null ? Map.of() : spec.logConfiguration,
                spec.ingress);
    }

    public boolean isApplication() {
        return job != null;
    }

    public boolean isNative() {
        return mode == KubernetesDeploymentMode.NATIVE;
    }

    public String configFileName() {
        return version.usesStandardYaml() ? "config.yaml" : "flink-conf.yaml";
    }

    /** Flink's cluster id: the resource's name unless the user set kubernetes.cluster-id. */
    public String clusterId() {
        return userConfig.getOrDefault("kubernetes.cluster-id", name);
    }

    public String configMapName() {
        return "flink-config-" + name;
    }

    public String restServiceName() {
        return name + "-rest";
    }

    public String taskManagerDeploymentName() {
        return name + "-taskmanager";
    }

    private static int taskManagerReplicas(Integer replicas, boolean application, Integer parallelism, int slots) {
        if (replicas != null) {
            return replicas;
        }
        if (!application) {
            return 0;
        }
        int p = parallelism == null ? 1 : Math.max(parallelism, 1);
        return (p + slots - 1) / slots;
    }

    private static MemorySize configuredMemory(Map<String, String> config, String key, MemorySize fallback) {
        String value = config.get(key);
        return value == null ? fallback : MemorySize.parse(value, "flinkConfiguration " + key);
    }

    private static int positiveInt(String text, String field) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSpecException(field + " must be a positive whole number, got '" + text + "'");
    }

    private static OwnerReference ownerReference(FlinkDeployment deployment) {
        return new OwnerReferenceBuilder()
                .withApiVersion(deployment.getApiVersion())
                .withKind(deployment.getKind())
                .withName(deployment.getMetadata().getName())
                .withUid(deployment.getMetadata().getUid())
                .withController(true)
                .build();
    }
}
