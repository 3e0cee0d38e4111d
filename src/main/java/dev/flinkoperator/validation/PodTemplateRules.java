package dev.flinkoperator.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Catches pod templates the API server would refuse when the operator creates the Deployment, so the user reads the
 * reason on the FlinkDeployment instead of in the operator's log.
 */
final class PodTemplateRules {
    private PodTemplateRules() {
    }

    /** Checks one template as written by the user. */
    static void checkShape(Pod template, String field, List<String> errors) {
        if (template == null) {
            return;
        }
        if (template.getKind() != null && !template.getKind().equals("Pod")) {
            errors.add(field + ".kind must be Pod (or omitted), got " + template.getKind());
        }
        if (template.getApiVersion() != null && !template.getApiVersion().equals("v1")) {
            errors.add(field + ".apiVersion must be v1 (or omitted), got " + template.getApiVersion());
        }
        if (template.getSpec() == null) {
            return;
        }
        checkNames(template.getSpec().getContainers(), field + ".spec.containers", errors);
        checkNames(template.getSpec().getInitContainers(), field + ".spec.initContainers", errors);
        Set<String> volumes = new HashSet<>();
        for (Volume volume : nullSafe(template.getSpec().getVolumes())) {
            if (volume.getName() == null || volume.getName().isBlank()) {
                errors.add(field + ".spec.volumes has a volume without a name");
            } else if (!volumes.add(volume.getName())) {
                errors.add(field + ".spec.volumes names '" + volume.getName() + "' twice");
            }
        }
    }

    /** Checks a merged (top-level + component) template: every mount needs a volume of that name. */
    static void checkMounts(Pod merged, Set<String> operatorVolumes, String component, List<String> errors) {
        if (merged.getSpec() == null) {
            return;
        }
        Set<String> volumes = new HashSet<>(operatorVolumes);
        nullSafe(merged.getSpec().getVolumes()).forEach(v -> volumes.add(v.getName()));
        Stream.concat(nullSafe(merged.getSpec().getContainers()).stream(),
                        nullSafe(merged.getSpec().getInitContainers()).stream())
                .forEach(container -> {
                    for (VolumeMount mount : nullSafe(container.getVolumeMounts())) {
                        if (!volumes.contains(mount.getName())) {
                            errors.add("podTemplate of the " + component + ": container '" + container.getName()
                                    + "' mounts volume '" + mount.getName() + "' which is not defined in spec.volumes");
                        }
                    }
                });
    }

    private static void checkNames(List<Container> containers, String field, List<String> errors) {
        Set<String> seen = new HashSet<>();
        for (Container container : nullSafe(containers)) {
            if (container.getName() == null || container.getName().isBlank()) {
                errors.add(field + " has a container without a name");
            } else if (!seen.add(container.getName())) {
                errors.add(field + " names container '" + container.getName() + "' twice");
            }
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? new ArrayList<>() : list;
    }
}
