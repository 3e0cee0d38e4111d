package dev.flinkoperator.validation;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.spec.FlinkDeploymentSpec;
import dev.flinkoperator.crd.spec.FlinkVersion;
import dev.flinkoperator.crd.spec.KubernetesDeploymentMode;
import dev.flinkoperator.lifecycle.InPlaceScaling;
import dev.flinkoperator.resources.FlinkClusterModel;
import dev.flinkoperator.resources.FlinkConfigFlattener;
import dev.flinkoperator.resources.FlinkPodTemplateBuilder;
import dev.flinkoperator.resources.InvalidSpecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Decides whether a FlinkDeployment can be deployed; every message tells the user what to change. */
public final class FlinkDeploymentValidator {
    private static final Set<String> RESERVED_FILES = Set.of("config.yaml", "flink-conf.yaml",
            "taskmanager-pod-template.yaml");
    private static final Set<String> OPERATOR_VOLUMES = Set.of(FlinkPodTemplateBuilder.CONFIG_VOLUME,
            FlinkPodTemplateBuilder.POD_TEMPLATE_VOLUME);

    private FlinkDeploymentValidator() {
    }

    /** Outcome of a check: the problems found, or (when there are none) the model the builders use. */
    public record Result(List<String> errors, FlinkClusterModel model) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** @return the problems found, empty when the spec can be deployed */
    public static List<String> validate(FlinkDeployment deployment) {
        return check(deployment).errors();
    }

    /** Validates and, for a deployable spec, hands back the model built while checking it. */
    public static Result check(FlinkDeployment deployment) {
        List<String> errors = new ArrayList<>();
        FlinkDeploymentSpec spec = deployment.getSpec();
        if (spec == null) {
            return new Result(List.of("spec is missing"), null);
        }
        if (spec.image == null || spec.image.isBlank()) {
            errors.add("spec.image is required: the Flink image to run, e.g. flink:1.20");
        }
        checkVersion(spec.flinkVersion, errors);
        if (spec.job != null) {
            JobSpecRules.check(spec.job, false, errors);
        }
        checkReplicas(spec, errors);
        PodTemplateRules.checkShape(spec.podTemplate, "spec.podTemplate", errors);
        if (spec.jobManager != null) {
            PodTemplateRules.checkShape(spec.jobManager.podTemplate, "spec.jobManager.podTemplate", errors);
        }
        if (spec.taskManager != null) {
            PodTemplateRules.checkShape(spec.taskManager.podTemplate, "spec.taskManager.podTemplate", errors);
        }
        if (spec.logConfiguration != null) {
            spec.logConfiguration.keySet().stream().filter(RESERVED_FILES::contains).forEach(file -> errors.add(
                    "spec.logConfiguration may not replace " + file + "; set Flink options in spec.flinkConfiguration"));
        }
        FlinkClusterModel model = null;
        if (errors.isEmpty()) {
            // Sizes, quantities and the ingress template are checked by building the model the builders use.
            try {
                model = FlinkClusterModel.from(deployment);
                PodTemplateRules.checkMounts(model.jobManagerPod(), OPERATOR_VOLUMES, "JobManager", errors);
                PodTemplateRules.checkMounts(model.taskManagerPod(), OPERATOR_VOLUMES, "TaskManager", errors);
                if (model.isApplication()) {
                    JobSpecRules.checkStateDirectories(model.job(), model.userConfig(), errors);
                    InPlaceScaling.overrides(model.userConfig()); // throws on a malformed list
                }
            } catch (InvalidSpecException e) {
                errors.add(e.getMessage());
            }
        }
        return new Result(errors, errors.isEmpty() ? model : null);
    }

    private static void checkVersion(String version, List<String> errors) {
        if (version == null || version.isBlank()) {
            errors.add("spec.flinkVersion is required, e.g. v1_20 or v2_3");
            return;
        }
        FlinkVersion.parse(version).ifPresentOrElse(v -> {
            if (!v.isAtLeast(FlinkVersion.MINIMUM_SUPPORTED)) {
                errors.add("spec.flinkVersion " + v + " is no longer supported; use " + FlinkVersion.MINIMUM_SUPPORTED
                        + " or later");
            }
        }, () -> errors.add("spec.flinkVersion '" + version + "' is not a known Flink version; use one of "
                + Arrays.stream(FlinkVersion.values()).filter(v -> v.isAtLeast(FlinkVersion.MINIMUM_SUPPORTED))
                        .map(Enum::name).collect(Collectors.joining(", "))));
    }

    private static void checkReplicas(FlinkDeploymentSpec spec, List<String> errors) {
        Integer jmReplicas = spec.jobManager == null ? null : spec.jobManager.replicas;
        if (jmReplicas != null && jmReplicas < 1) {
            errors.add("spec.jobManager.replicas must be at least 1, got " + jmReplicas);
        } else if (jmReplicas != null && jmReplicas > 1 && !highAvailabilityEnabled(spec)) {
            errors.add("spec.jobManager.replicas is " + jmReplicas + " but high availability is off; set "
                    + "flinkConfiguration high-availability.type: kubernetes and high-availability.storageDir, "
                    + "or use 1 replica");
        }
        Integer tmReplicas = spec.taskManager == null ? null : spec.taskManager.replicas;
        if (tmReplicas != null && tmReplicas < 1) {
            errors.add("spec.taskManager.replicas must be at least 1, got " + tmReplicas);
        }
        if (spec.mode == KubernetesDeploymentMode.STANDALONE && spec.job == null && tmReplicas == null) {
            errors.add("spec.taskManager.replicas is required for a standalone session cluster");
        }
    }

    private static boolean highAvailabilityEnabled(FlinkDeploymentSpec spec) {
        Map<String, String> config;
        try {
            config = FlinkConfigFlattener.flatten(spec.flinkConfiguration);
        } catch (InvalidSpecException e) {
            return false;
        }
        String type = config.getOrDefault("high-availability.type", config.get("high-availability"));
        return type != null && !type.isBlank() && !type.equalsIgnoreCase("none");
    }
}
