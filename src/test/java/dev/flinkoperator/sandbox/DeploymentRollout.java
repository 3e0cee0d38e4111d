package dev.flinkoperator.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Kubernetes' Deployment controller decides, for the sandbox: how many pods of the current template to create,
 * which pods to delete, and the status to report. Pure; {@link DeploymentController} carries it out.
 */
final class DeploymentRollout {
    static final String TEMPLATE_HASH = "pod-template-hash";

    /** @param create pods of the current template to add; {@code delete} pods to remove */
    record Plan(int create, List<Pod> delete, DeploymentStatus status) {
    }

    private DeploymentRollout() {
    }

    static Plan plan(Deployment deployment, List<Pod> owned, String templateHash) {
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        List<Pod> live = owned.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
        List<Pod> current = live.stream().filter(p -> templateHash.equals(hashOf(p))).toList();
        List<Pod> old = live.stream().filter(p -> !templateHash.equals(hashOf(p))).toList();
        long readyCurrent = current.stream().filter(DeploymentRollout::ready).count();
        boolean recreate = deployment.getSpec().getStrategy() != null
                && "Recreate".equals(deployment.getSpec().getStrategy().getType());

        int create;
        List<Pod> delete;
        if (recreate && !old.isEmpty()) {
            create = 0; // the old pods go first, all of them; new ones once they are gone
            delete = old;
        } else if (recreate && owned.size() > live.size()) {
            create = 0; // still terminating
            delete = List.of();
        } else {
            create = Math.max(0, desired - current.size());
            // Surplus pods of the current template go newest first; old ones once the new ones are ready.
            List<Pod> surplus = current.stream()
                    .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp(),
                            Comparator.nullsLast(Comparator.reverseOrder())))
                    .limit(Math.max(0, current.size() - desired)).toList();
            delete = readyCurrent >= desired ? concat(surplus, old) : surplus;
        }
        return new Plan(create, delete, status(deployment, live, current, desired));
    }

    private static DeploymentStatus status(Deployment deployment, List<Pod> live, List<Pod> current, int desired) {
        int ready = (int) live.stream().filter(DeploymentRollout::ready).count();
        boolean available = ready >= desired;
        boolean complete = available && current.size() == desired && live.size() == desired;
        return new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(live.size())
                .withUpdatedReplicas(current.size())
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withUnavailableReplicas(Math.max(0, desired - ready))
                .addNewCondition().withType("Available").withStatus(available ? "True" : "False")
                .withReason(available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable").endCondition()
                .addNewCondition().withType("Progressing").withStatus("True")
                .withReason(complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated").endCondition()
                .build();
    }

    static boolean ready(Pod pod) {
        List<PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
        return conditions != null && conditions.stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String hashOf(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.get(TEMPLATE_HASH);
    }

    private static List<Pod> concat(List<Pod> a, List<Pod> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).filter(Objects::nonNull).toList();
    }
}
