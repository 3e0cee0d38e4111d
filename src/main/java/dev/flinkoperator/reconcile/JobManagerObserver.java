package dev.flinkoperator.reconcile;

import dev.flinkoperator.crd.status.JobManagerDeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Reads the JobManager Deployment's rollout state, as Kubernetes reports it. */
public final class JobManagerObserver {
    static final Duration POD_CHECK_AFTER = Duration.ofSeconds(30);

    private JobManagerObserver() {
    }

    public static JobManagerDeploymentStatus observe(Deployment deployment) {
        if (deployment == null) {
            return JobManagerDeploymentStatus.MISSING;
        }
        DeploymentStatus status = deployment.getStatus();
        if (status == null) {
            return JobManagerDeploymentStatus.DEPLOYING;
        }
        if (failed(status.getConditions())) {
            return JobManagerDeploymentStatus.ERROR;
        }
        int wanted = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        boolean rolledOut = status.getObservedGeneration() != null
                && status.getObservedGeneration() >= deployment.getMetadata().getGeneration()
                && orZero(status.getUpdatedReplicas()) >= wanted;
        int ready = orZero(status.getReadyReplicas());
        if (rolledOut && ready >= wanted && orZero(status.getAvailableReplicas()) >= wanted) {
            return JobManagerDeploymentStatus.READY;
        }
        return ready > 0 ? JobManagerDeploymentStatus.DEPLOYED_NOT_READY : JobManagerDeploymentStatus.DEPLOYING;
    }

    /**
     * Whether to look at the JobManager's pods: Kubernetes has been rolling the Deployment out for a while without a
     * pod becoming available. A Deployment reports a stuck pod (bad image, crash loop) only after its progress
     * deadline (10 minutes by default); the pod says why at once. Healthy rollouts finish before this and cost no
     * pod reads.
     */
    public static boolean podsWorthChecking(Deployment deployment, Clock clock) {
        JobManagerDeploymentStatus observed = observe(deployment);
        if (deployment == null || deployment.getStatus() == null || (observed != JobManagerDeploymentStatus.DEPLOYING
                && observed != JobManagerDeploymentStatus.DEPLOYED_NOT_READY)) {
            return false;
        }
        String since = conditions(deployment.getStatus().getConditions()).stream()
                .filter(c -> "Progressing".equals(c.getType()) && c.getLastUpdateTime() != null)
                .map(DeploymentCondition::getLastUpdateTime)
                .findFirst().orElse(deployment.getMetadata().getCreationTimestamp());
        return since == null || Instant.parse(since).plus(POD_CHECK_AFTER).isBefore(clock.instant());
    }

    /** Why the rollout failed, for status.error; null when it did not. */
    public static String failure(Deployment deployment) {
        if (deployment == null || deployment.getStatus() == null) {
            return null;
        }
        return conditions(deployment.getStatus().getConditions()).stream()
                .filter(JobManagerObserver::isFailure)
                .map(c -> "JobManager Deployment " + c.getReason() + ": " + c.getMessage())
                .findFirst().orElse(null);
    }

    private static boolean failed(List<DeploymentCondition> conditions) {
        return conditions(conditions).stream().anyMatch(JobManagerObserver::isFailure);
    }

    // ProgressDeadlineExceeded (Progressing=False) and ReplicaFailure=True are Kubernetes' two failure signals.
    private static boolean isFailure(DeploymentCondition c) {
        return ("Progressing".equals(c.getType()) && "False".equals(c.getStatus()))
                || ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static List<DeploymentCondition> conditions(List<DeploymentCondition> conditions) {
        return conditions == null ? List.of() : conditions.stream().filter(Objects::nonNull).toList();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
