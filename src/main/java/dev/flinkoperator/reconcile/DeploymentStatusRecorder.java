package dev.flinkoperator.reconcile;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.JobManagerDeploymentStatus;
import dev.flinkoperator.crd.status.JobStatus;
import dev.flinkoperator.crd.status.ReconciliationState;
import dev.flinkoperator.crd.status.ReconciliationStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.crd.status.TaskManagerInfo;
import dev.flinkoperator.lifecycle.Rollbacks;
import dev.flinkoperator.resources.FlinkClusterModel;
import dev.flinkoperator.resources.FlinkLabels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;

/** Pure status transitions of a FlinkDeployment; the reconciler decides when to write them. */
public final class DeploymentStatusRecorder {
    private DeploymentStatusRecorder() {
    }

    public static FlinkDeploymentStatus statusOf(FlinkDeployment deployment) {
        if (deployment.getStatus() == null) {
            deployment.setStatus(new FlinkDeploymentStatus());
        }
        return deployment.getStatus();
    }

    /** The spec cannot be deployed: say why; whatever runs from an earlier spec keeps running. */
    public static void invalid(FlinkDeployment deployment, String message, Deployment jobManager, Clock clock) {
        FlinkDeploymentStatus status = statusOf(deployment);
        status.error = message;
        status.observedGeneration = deployment.getMetadata().getGeneration();
        if (status.lifecycleState == null) {
            status.lifecycleState = ResourceLifecycleState.CREATED;
        }
        boolean deployedBefore = status.reconciliationStatus != null
                && status.reconciliationStatus.lastReconciledSpec != null;
        if (deployedBefore) {
            status.jobManagerDeploymentStatus = JobManagerObserver.observe(jobManager);
        }
        Conditions.set(status.conditions, Conditions.READY, false, "InvalidSpec", message,
                deployment.getMetadata().getGeneration(), clock);
    }

    /** A session cluster's spec is applied as it comes: record it as the one reconciled. */
    public static void sessionSpecApplied(FlinkDeployment deployment, Clock clock) {
        FlinkDeploymentStatus status = statusOf(deployment);
        String spec = Serialization.asJson(deployment.getSpec());
        if (status.reconciliationStatus == null) {
            status.reconciliationStatus = new ReconciliationStatus();
        }
        if (!spec.equals(status.reconciliationStatus.lastReconciledSpec)) {
            status.reconciliationStatus.lastReconciledSpec = spec;
            status.reconciliationStatus.reconciliationTimestamp = clock.millis();
            status.reconciliationStatus.state = ReconciliationState.DEPLOYED;
            status.lifecycleState = ResourceLifecycleState.DEPLOYED;
        }
    }

    /**
     * The desired objects of the recorded spec are in place; record what the JobManager looks like.
     * {@code podFailure} is why a JobManager pod is stuck (see {@link PodFailures}), or null.
     */
    public static void deployed(FlinkDeployment deployment, FlinkClusterModel model, Deployment jobManager,
            String podFailure, Clock clock) {
        FlinkDeploymentStatus status = statusOf(deployment);
        String jobManagerError = podFailure != null ? "JobManager not starting. " + podFailure
                : JobManagerObserver.failure(jobManager);
        if (jobManagerError != null || !Rollbacks.active(status.reconciliationStatus)) {
            status.error = jobManagerError; // a rollback's reason stays until the spec changes
        }
        status.observedGeneration = deployment.getMetadata().getGeneration();

        JobManagerDeploymentStatus jm = podFailure != null ? JobManagerDeploymentStatus.ERROR
                : JobManagerObserver.observe(jobManager);
        status.jobManagerDeploymentStatus = jm;
        if (jm == JobManagerDeploymentStatus.READY && !model.isApplication()) {
            status.lifecycleState = ResourceLifecycleState.STABLE;
        }
        TaskManagerInfo tm = new TaskManagerInfo();
        tm.labelSelector = FlinkLabels.selectorString(model.name(), FlinkLabels.COMPONENT_TASKMANAGER);
        tm.replicas = model.taskManagerReplicas();
        status.taskManager = tm;
        Conditions.set(status.conditions, Conditions.READY, jm == JobManagerDeploymentStatus.READY,
                readyReason(jm), readyMessage(jm, status.error), deployment.getMetadata().getGeneration(), clock);
    }

    /** Nothing runs, as job.state: suspended asks. */
    public static void suspended(FlinkDeployment deployment, Clock clock) {
        FlinkDeploymentStatus status = statusOf(deployment);
        status.observedGeneration = deployment.getMetadata().getGeneration();
        status.jobManagerDeploymentStatus = JobManagerDeploymentStatus.MISSING;
        status.taskManager = null;
        Conditions.set(status.conditions, Conditions.READY, false, "Suspended", "The job is suspended; its cluster "
                + "is removed", deployment.getMetadata().getGeneration(), clock);
    }

    private static String readyReason(JobManagerDeploymentStatus jm) {
        return switch (jm) {
            case READY -> "JobManagerReady";
            case ERROR -> "JobManagerFailed";
            case MISSING -> "JobManagerMissing";
            case DEPLOYING, DEPLOYED_NOT_READY -> "JobManagerDeploying";
        };
    }

    private static String readyMessage(JobManagerDeploymentStatus jm, String error) {
        return switch (jm) {
            case READY -> "The JobManager is running";
            case ERROR -> error;
            case MISSING -> "The JobManager Deployment does not exist";
            case DEPLOYING, DEPLOYED_NOT_READY -> "Waiting for the JobManager pod to become ready";
        };
    }
}
