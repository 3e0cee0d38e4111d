package dev.flinkoperator.resources;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a merged user pod template into the pod template of a Flink component: the container named
 * flink-main-container gets the Flink process (image, command, ports, resources, config mount); everything else the
 * user wrote (sidecars, init containers, volumes, affinity, ...) is kept.
 */
public final class FlinkPodTemplateBuilder {
    public static final String MAIN_CONTAINER = "flink-main-container";
    public static final String CONFIG_VOLUME = "flink-config-volume";
    public static final String POD_TEMPLATE_VOLUME = "pod-template-volume";

    private final FlinkClusterModel model;
    private final Pod template;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private final List<VolumeMount> mounts = new ArrayList<>();
    private final List<Volume> volumes = new ArrayList<>();
    private List<String> command;
    private List<String> args = List.of();
    private List<ContainerPort> ports = List.of();
    private List<EnvVar> env = List.of();
    private ResourceRequirements resources;

    public FlinkPodTemplateBuilder(FlinkClusterModel model, Pod mergedTemplate) {
        this.model = model;
        this.template = PodTemplateMerger.copy(mergedTemplate);
    }

    public FlinkPodTemplateBuilder labels(Map<String, String> value) {
        labels.putAll(value);
        return this;
    }

    public FlinkPodTemplateBuilder annotation(String key, String value) {
        annotations.put(key, value);
        return this;
    }

    public FlinkPodTemplateBuilder command(List<String> value) {
        command = value;
        return this;
    }

    public FlinkPodTemplateBuilder args(List<String> value) {
        args = value;
        return this;
    }

    public FlinkPodTemplateBuilder ports(List<ContainerPort> value) {
        ports = value;
        return this;
    }

    public FlinkPodTemplateBuilder env(List<EnvVar> value) {
        env = value;
        return this;
    }

    public FlinkPodTemplateBuilder resources(ResourceRequirements value) {
        resources = value;
        return this;
    }

    /** Mounts the config files of the cluster's ConfigMap (those accepted by {@code keys}) at {@code path}. */
    public FlinkPodTemplateBuilder configMapVolume(String volumeName, String path, List<String> keys) {
        List<KeyToPath> items = keys.stream().sorted().map(k -> new KeyToPathBuilder().withKey(k).withPath(k).build()).toList();
        volumes.add(new VolumeBuilder().withName(volumeName)
                .withNewConfigMap().withName(model.configMapName()).withItems(items).endConfigMap().build());
        mounts.add(new VolumeMountBuilder().withName(volumeName).withMountPath(path).build());
        return this;
    }

    public PodTemplateSpec build() {
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        PodSpec spec = template.getSpec() == null ? new PodSpec() : template.getSpec();

        Map<String, String> podLabels = new LinkedHashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
        podLabels.putAll(labels);
        Map<String, String> podAnnotations = new LinkedHashMap<>(
                meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
        podAnnotations.putAll(annotations);

        List<Container> containers = new ArrayList<>(spec.getContainers() == null ? List.of() : spec.getContainers());
        int main = indexOfMain(containers);
        Container flink = mainContainer(main < 0 ? new Container() : containers.get(main));
        if (main < 0) {
            containers.add(0, flink);
        } else {
            containers.set(main, flink);
        }
        spec.setContainers(containers);
        spec.setVolumes(mergeByName(spec.getVolumes(), volumes, Volume::getName));
        if (model.serviceAccount() != null) {
            spec.setServiceAccountName(model.serviceAccount());
        }
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(podLabels).withAnnotations(podAnnotations).endMetadata()
                .withSpec(spec)
                .build();
    }

    private Container mainContainer(Container fromTemplate) {
        ContainerBuilder container = new ContainerBuilder(fromTemplate)
                .withName(MAIN_CONTAINER)
                .withImage(model.image())
                .withArgs(args)
                .withPorts(mergeByName(fromTemplate.getPorts(), ports, ContainerPort::getName))
                .withEnv(mergeByName(fromTemplate.getEnv(), env, EnvVar::getName))
                .withVolumeMounts(mergeByName(fromTemplate.getVolumeMounts(), mounts, VolumeMount::getName))
                .withResources(resources);
        if (model.imagePullPolicy() != null) {
            container.withImagePullPolicy(model.imagePullPolicy());
        }
        if (command != null) {
            container.withCommand(command);
        }
        return container.build();
    }

    private static int indexOfMain(List<Container> containers) {
        for (int i = 0; i < containers.size(); i++) {
            if (MAIN_CONTAINER.equals(containers.get(i).getName())) {
                return i;
            }
        }
        return -1;
    }

    /** The user's items first, ours replacing any of the same name. */
    private static <T> List<T> mergeByName(List<T> users, List<T> ours, Function<T, String> name) {
        List<T> merged = new ArrayList<>();
        List<String> ourNames = ours.stream().map(name).toList();
        if (users != null) {
            users.stream().filter(u -> !ourNames.contains(name.apply(u))).forEach(merged::add);
        }
        merged.addAll(ours);
        return merged;
    }
}
