package dev.flinkoperator.lifecycle;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.spec.JobSpec;
import dev.flinkoperator.crd.spec.JobState;
import dev.flinkoperator.crd.spec.UpgradeMode;
import dev.flinkoperator.crd.status.CommonStatus;
import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.JobStatus;
import dev.flinkoperator.crd.status.ReconciliationState;
import dev.flinkoperator.crd.status.ReconciliationStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.crd.status.UpgradeProgress;
import dev.flinkoperator.crd.status.UpgradeProgress.StateSource;
import dev.flinkoperator.crd.status.UpgradeProgress.Step;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.FlinkRestException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Moves an application cluster towards its spec, one recorded step per reconcile. A changed spec (see
 * {@link SpecChange}) is recorded as the target first; the running job is then stopped as the upgrade mode says
 * ({@link JobStopper}), the old cluster removed, and the new deployment recorded with its job id and the state it
 * restores, which the reconciler then deploys. {@code job.state: suspended} ends after the removal.
 */
public final class ApplicationLifecycle {
    /**
     * DEPLOY: the recorded deployment should be in place, apply it and observe; STEP_TAKEN: the status holds a new
     * step, write it and come back at once; WAITING: a step is under way, look again soon; SUSPENDED: nothing runs,
     * as asked; BLOCKED: the upgrade cannot go on, status.error says why; RECOVERING_LOST_JOBMANAGER and
     * RESTARTING_FAILED_JOB: a redeployment was recorded for a JobManager Deployment someone deleted or for a failed
     * job ({@code kubernetes.operator.job.restart.failed}), write it and come back at once; ROLLING_BACK: likewise
     * for a rollback to lastStableSpec (see {@link Rollbacks}); RESCALED: the running job was asked to run at the
     * new parallelism ({@link InPlaceScaling}), apply the spec and observe as for DEPLOY.
     */
    public enum Next {
        DEPLOY, STEP_TAKEN, WAITING, SUSPENDED, BLOCKED, RECOVERING_LOST_JOBMANAGER, RESTARTING_FAILED_JOB,
        ROLLING_BACK, RESCALED
    }

    /** What the lifecycle needs of the Kubernetes side of a cluster. */
    public interface Cluster {
        /** Deletes the cluster's Deployments (and with {@code everything} its other objects); true once no pod is left. */
        boolean remove(boolean everything);

        /** Drops the job graphs from the HA metadata so the next JobManager runs the new spec; checkpoints stay. */
        void forgetJobGraphs();

        /** Whether the JobManager Deployment is there (as last seen). */
        boolean jobManagerExists();
    }

    private ApplicationLifecycle() {
    }

    /** @param flink a client for the JobManager, or null when it cannot be reached */
    public static Next advance(FlinkDeployment deployment, JobSettings settings, Supplier<FlinkRestClient> flink,
            Cluster cluster, Clock clock) {
        FlinkDeploymentStatus status = deployment.getStatus();
        if (status.reconciliationStatus == null) {
            status.reconciliationStatus = new ReconciliationStatus();
        }
        ReconciliationStatus reconciliation = status.reconciliationStatus;
        if (reconciliation.lastReconciledSpec != null && (status.jobStatus == null || status.jobStatus.jobId == null)) {
            // Deployed by an operator version that did not record job ids: record one now, as for a first deployment.
            status.jobStatus = status.jobStatus == null ? new JobStatus() : status.jobStatus;
            status.jobStatus.jobId = FlinkRestClient.newTriggerId();
        }
        // What runs: the resource's job, or while rolled back the last stable spec's.
        JobSpec job = Rollbacks.deployedView(deployment).getSpec().job;
        switch (SpecChange.of(deployment.getSpec(), reconciliation.lastReconciledSpec)) {
            case FIRST -> first(deployment, clock); // deployed in this same pass, see startNewJob

            case SCALE -> {
                if (InPlaceScaling.possible(deployment.getSpec(), status)) {
                    InPlaceScaling.record(deployment, clock);
                } else {
                    begin(deployment, sourceFor(deployment.getSpec().job.upgradeMode), clock);
                }
                return Next.STEP_TAKEN;
            }
            case UPGRADE -> {
                begin(deployment, sourceFor(deployment.getSpec().job.upgradeMode), clock);
                return Next.STEP_TAKEN;
            }
            case REDEPLOY -> {
                begin(deployment, StateSource.INITIAL_SAVEPOINT, clock);
                return Next.STEP_TAKEN;
            }
            case NONE -> {
                // acted on below
            }
        }
        UpgradeProgress upgrade = reconciliation.upgrade;
        if (upgrade == null) {
            if (!suspended(job)) {
                if (status.jobStatus.startTime != null && !cluster.jobManagerExists()) {
                    // The job ran and its JobManager Deployment is gone: redeploy from what its mode can recover.
                    redeploy(deployment, rescueSource(job), clock);
                    return Next.RECOVERING_LOST_JOBMANAGER;
                }
                if (status.jobStatus.state == FlinkJobState.FAILED && settings.restartFailed()) {
                    redeploy(deployment, sourceFor(job.upgradeMode), clock);
                    return Next.RESTARTING_FAILED_JOB;
                }
                if (Rollbacks.due(status, settings, clock)) {
                    beginUpgrade(status, reconciliation.lastReconciledSpec, status.jobStatus.state
                            == FlinkJobState.RUNNING ? sourceFor(stableJob(reconciliation).upgradeMode)
                            : rescueSource(stableJob(reconciliation)), clock);
                    reconciliation.state = ReconciliationState.ROLLING_BACK;
                    status.lifecycleState = ResourceLifecycleState.ROLLING_BACK;
                    status.error = "The job of the new spec did not run stably within " + settings.readinessTimeout()
                            + " (+" + settings.stableAfter() + " stable-after); rolling back to the last stable spec";
                    return Next.ROLLING_BACK;
                }
                if (status.lifecycleState == ResourceLifecycleState.CREATED) {
                    status.lifecycleState = ResourceLifecycleState.DEPLOYED;
                }
                return Next.DEPLOY;
            }
            return cluster.remove(true) ? Next.SUSPENDED : Next.WAITING;
        }
        if (upgrade.step == Step.RESCALE) {
            return switch (InPlaceScaling.step(deployment, flink.get(), cluster.jobManagerExists())) {
                case RESCALED -> Next.RESCALED;
                case WAIT -> Next.WAITING;
                case UPGRADE_INSTEAD -> {
                    begin(deployment, sourceFor(deployment.getSpec().job.upgradeMode), clock);
                    yield Next.STEP_TAKEN;
                }
                case JOB_MANAGER_LOST -> {
                    begin(deployment, rescueSource(deployment.getSpec().job), clock);
                    yield Next.STEP_TAKEN;
                }
            };
        }
        if (upgrade.step == Step.STOP_JOB) {
            JobStopper.Result stopped;
            try {
                stopped = JobStopper.step(status, upgrade.stateSource, settings, flink.get(), job.initialSavepointPath,
                        clock);
            } catch (FlinkRestException e) {
                stopped = e.noAnswer() ? new JobStopper.Result(JobStopper.Result.Kind.WAIT, null)
                        : new JobStopper.Result(JobStopper.Result.Kind.BLOCKED, "Flink refused to stop job "
                        + status.jobStatus.jobId + " for the upgrade: " + e.getMessage());
            }
            switch (stopped.kind()) {
                case WAIT -> {
                    if (reconciliation.state != ReconciliationState.ROLLING_BACK) {
                        status.error = null;
                    }
                    return Next.WAITING;
                }
                case RECORDED -> {
                    return Next.STEP_TAKEN;
                }
                case BLOCKED -> {
                    status.error = stopped.message();
                    return Next.BLOCKED;
                }
                case DONE, FROM_HA -> {
                    upgrade.step = Step.REMOVE_CLUSTER;
                    upgrade.restoreFromHa = stopped.kind() == JobStopper.Result.Kind.FROM_HA;
                    if (reconciliation.state != ReconciliationState.ROLLING_BACK) {
                        status.error = null; // a rollback keeps saying why until the stable spec runs again
                    }
                    return Next.STEP_TAKEN;
                }
            }
        }
        if (!cluster.remove(suspended(job))) {
            return Next.WAITING;
        }
        if (settings.kubernetesHa()) {
            cluster.forgetJobGraphs();
        }
        finish(deployment, job, Boolean.TRUE.equals(upgrade.restoreFromHa), clock);
        return Next.STEP_TAKEN;
    }

    /** Deploys what runs again (after a lost JobManager or a failed job); a rolled-back cluster stays rolled back. */
    private static void redeploy(FlinkDeployment deployment, StateSource source, Clock clock) {
        boolean rolledBack = Rollbacks.active(deployment.getStatus().reconciliationStatus);
        begin(deployment, source, clock);
        if (rolledBack) {
            deployment.getStatus().reconciliationStatus.state = ReconciliationState.ROLLING_BACK;
        }
    }

    /** A job that is not running gives its state from its latest checkpoint (or HA metadata), if it has any. */
    private static StateSource rescueSource(JobSpec job) {
        return job.upgradeMode == null || job.upgradeMode == UpgradeMode.STATELESS
                ? StateSource.NONE : StateSource.LAST_STATE;
    }

    private static JobSpec stableJob(ReconciliationStatus reconciliation) {
        return Serialization.unmarshal(reconciliation.lastStableSpec,
                dev.flinkoperator.crd.spec.FlinkDeploymentSpec.class).job;
    }

    private static void first(FlinkDeployment deployment, Clock clock) {
        FlinkDeploymentStatus status = deployment.getStatus();
        ReconciliationStatus reconciliation = status.reconciliationStatus;
        reconciliation.lastReconciledSpec = Serialization.asJson(deployment.getSpec());
        reconciliation.reconciliationTimestamp = clock.millis();
        reconciliation.state = ReconciliationState.DEPLOYED;
        status.jobStatus = status.jobStatus == null ? new JobStatus() : status.jobStatus;
        status.jobStatus.upgradeSavepointPath = deployment.getSpec().job.initialSavepointPath;
        // The first job's id comes from the resource itself, so the first deployment needs no status write before
        // it: a pass that deploys but dies before its status write is followed by one that picks the same id.
        String firstId = UUID.nameUUIDFromBytes((deployment.getMetadata().getUid() + "/"
                + deployment.getMetadata().getGeneration()).getBytes(StandardCharsets.UTF_8)).toString();
        status.jobStatus.jobId = firstId.replace("-", "");
        startNewJob(status, deployment.getSpec().job, true);
        if (status.lifecycleState == ResourceLifecycleState.DEPLOYED) {
            status.lifecycleState = ResourceLifecycleState.CREATED; // recorded, not yet deployed
        }
    }

    private static void begin(FlinkDeployment deployment, StateSource source, Clock clock) {
        beginUpgrade(deployment.getStatus(), Serialization.asJson(deployment.getSpec()), source, clock);
    }

    /**
     * Records {@code spec} as the target and the upgrade towards it (FlinkDeployment or FlinkSessionJob). An upgrade
     * already under way keeps its progress; while it is still stopping the job, it stops it the new way.
     */
    public static void beginUpgrade(CommonStatus status, String spec, StateSource source, Clock clock) {
        ReconciliationStatus reconciliation = status.reconciliationStatus;
        reconciliation.lastReconciledSpec = spec;
        reconciliation.reconciliationTimestamp = clock.millis();
        reconciliation.state = ReconciliationState.UPGRADING;
        UpgradeProgress upgrade = reconciliation.upgrade;
        if (upgrade == null || upgrade.step == Step.RESCALE) {
            reconciliation.upgrade = new UpgradeProgress(Step.STOP_JOB, source, clock.millis());
        } else if (upgrade.step == Step.STOP_JOB && upgrade.stateSource != source) {
            // Changed again while stopping (e.g. to stateless after a failing savepoint): stop the new way.
            upgrade.stateSource = source;
            SavepointRecords.clearTrigger(status.jobStatus);
        }
        if (status.lifecycleState != ResourceLifecycleState.SUSPENDED) {
            status.lifecycleState = ResourceLifecycleState.UPGRADING;
        }
    }

    private static void finish(FlinkDeployment deployment, JobSpec job, boolean restoreFromHa, Clock clock) {
        FlinkDeploymentStatus status = deployment.getStatus();
        boolean rollback = status.reconciliationStatus.state == ReconciliationState.ROLLING_BACK;
        status.reconciliationStatus.upgrade = null;
        status.reconciliationStatus.state = rollback ? ReconciliationState.ROLLED_BACK : ReconciliationState.DEPLOYED;
        status.reconciliationStatus.reconciliationTimestamp = clock.millis();
        if (!rollback) {
            status.error = null;
        }
        startNewJob(status, job, restoreFromHa);
        if (rollback && status.lifecycleState == ResourceLifecycleState.DEPLOYED) {
            status.lifecycleState = ResourceLifecycleState.ROLLED_BACK;
        }
    }

    /**
     * Records the job the next deployment runs: a fresh id (Flink will not run an id that ended before), except when
     * the job resumes from HA metadata, which is kept under its id.
     */
    private static void startNewJob(FlinkDeploymentStatus status, JobSpec job, boolean keepJobId) {
        JobStatus jobStatus = status.jobStatus;
        if (!keepJobId || jobStatus.jobId == null) {
            jobStatus.jobId = FlinkRestClient.newTriggerId();
        }
        jobStatus.startTime = null;
        jobStatus.updateTime = null;
        if (suspended(job)) {
            jobStatus.state = FlinkJobState.SUSPENDED;
            status.lifecycleState = ResourceLifecycleState.SUSPENDED;
        } else {
            jobStatus.state = FlinkJobState.RECONCILING;
            status.lifecycleState = ResourceLifecycleState.DEPLOYED;
        }
    }

    public static StateSource sourceFor(UpgradeMode mode) {
        if (mode == null) {
            return StateSource.NONE;
        }
        return switch (mode) {
            case STATELESS -> StateSource.NONE;
            case SAVEPOINT -> StateSource.SAVEPOINT;
            case LAST_STATE -> StateSource.LAST_STATE;
        };
    }

    private static boolean suspended(JobSpec job) {
        return job.state == JobState.SUSPENDED;
    }
}
