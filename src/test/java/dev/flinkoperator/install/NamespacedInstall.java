package dev.flinkoperator.install;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Derives the namespace-scoped install from the generated cluster-scoped one (run by the build after Quarkus wrote
 * target/kubernetes/kubernetes.yml): the same rules as Roles in the operator's namespace, bound there, and every
 * controller watching only that namespace. Nothing cluster-scoped remains, so a namespace admin can apply it once
 * the CRDs are installed.
 */
public final class NamespacedInstall {
    /** Value of a controller's namespaces setting that means "the namespace the operator runs in". */
    public static final String WATCH_CURRENT = "JOSDK_WATCH_CURRENT";
    private static final String NAMESPACES_ENV_SUFFIX = "_NAMESPACES";

    private NamespacedInstall() {
    }

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.writeString(out, "# Namespace-scoped install, derived from kubernetes.yml by "
                + NamespacedInstall.class.getSimpleName() + ".\n" + toYaml(derive(read(in))));
    }

    public static List<HasMetadata> derive(List<HasMetadata> clusterScoped) {
        String namespace = clusterScoped.stream().filter(Deployment.class::isInstance)
                .map(d -> d.getMetadata().getNamespace()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operator Deployment with a namespace"));
        List<HasMetadata> result = new ArrayList<>();
        for (HasMetadata object : clusterScoped) {
            if (object instanceof ClusterRole role) {
                result.add(new RoleBuilder().withNewMetadata().withName(role.getMetadata().getName())
                        .withNamespace(namespace).withLabels(role.getMetadata().getLabels()).endMetadata()
                        .withRules(role.getRules()).build());
            } else if (object instanceof ClusterRoleBinding binding) {
                result.add(new RoleBindingBuilder().withNewMetadata().withName(binding.getMetadata().getName())
                        .withNamespace(namespace).withLabels(binding.getMetadata().getLabels()).endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "Role", binding.getRoleRef().getName())
                        .withSubjects(binding.getSubjects()).build());
            } else if (object instanceof Deployment deployment) {
                deployment.getSpec().getTemplate().getSpec().getContainers().forEach(c -> watchCurrent(c.getEnv()));
                result.add(deployment);
            } else {
                result.add(object);
            }
        }
        return result;
    }

    private static void watchCurrent(List<EnvVar> env) {
        env.stream().filter(e -> e.getName().startsWith("QUARKUS_OPERATOR_SDK_")
                && e.getName().endsWith(NAMESPACES_ENV_SUFFIX)).forEach(e -> {
                    e.setValueFrom(null);
                    e.setValue(WATCH_CURRENT);
                });
    }

    public static List<HasMetadata> read(Path file) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
            if (!document.isBlank() && Serialization.unmarshal(document) instanceof HasMetadata object) {
                objects.add(object);
            }
        }
        return objects;
    }

    private static String toYaml(List<HasMetadata> objects) {
        return objects.stream().map(Serialization::asYaml).collect(Collectors.joining());
    }
}
