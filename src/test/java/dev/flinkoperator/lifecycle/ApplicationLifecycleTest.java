package dev.flinkoperator.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.spec.JobState;
import dev.flinkoperator.crd.spec.UpgradeMode;
import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import dev.flinkoperator.crd.status.ReconciliationState;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.crd.status.SnapshotTriggerType;
import dev.flinkoperator.crd.status.UpgradeProgress;
import dev.flinkoperator.flink.FakeFlinkRestClient;
import dev.flinkoperator.flink.FakeJobManager;
import dev.flinkoperator.flink.FlinkJobStatus;
import dev.flinkoperator.flink.SnapshotFormat;
import dev.flinkoperator.lifecycle.ApplicationLifecycle.Next;
import dev.flinkoperator.reconcile.JobObserver;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Upgrades, suspensions and redeployments of an application cluster against a fake JobManager: a DEPLOY answer makes
 * the fake cluster start the job under the recorded id from the recorded path, as Flink's entrypoint would.
 */
class ApplicationLifecycleTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String CHECKPOINTS = "file:///flink-data/checkpoints";

    private final FakeFlinkRestClient flink = new FakeFlinkRestClient();
    private final FakeJobManager jobManager = flink.jobManager();
    private final FakeCluster cluster = new FakeCluster();
    private boolean restartFailed;
    private boolean rollback;
    private Clock clock = CLOCK;
    private JobSettings settings = settings(false, "RETAIN_ON_CANCELLATION");

    @Test
    void theFirstDeploymentRecordsItsJobIdAndInitialSavepointAndDeploysInTheSamePass() {
        jobManager.addSavepoint("file:///sp/initial");
        FlinkDeployment app = app(UpgradeMode.SAVEPOINT);
        app.getSpec().job.initialSavepointPath = "file:///sp/initial";

        assertEquals(Next.DEPLOY, settle(app));
        FlinkDeploymentStatus status = app.getStatus();
        assertEquals(ResourceLifecycleState.DEPLOYED, status.lifecycleState);
        assertEquals("file:///sp/initial", status.jobStatus.upgradeSavepointPath);
        assertEquals(32, status.jobStatus.jobId.length());
        assertEquals(status.jobStatus.jobId, firstIdOfACopy(), "the same resource gets the same first id");
        assertEquals("file:///sp/initial", jobManager.restoredFrom(status.jobStatus.jobId));
    }

    @Test
    void aSavepointUpgradeStopsWithASavepointRecordedFirstAndTheNewJobRestoresIt() {
        FlinkDeployment app = deployedAndRunning(UpgradeMode.SAVEPOINT);
        String oldJob = app.getStatus().jobStatus.jobId;

        app.getSpec().job.parallelism = 4;
        assertEquals(Next.STEP_TAKEN, step(app));
        assertEquals(ReconciliationState.UPGRADING, app.getStatus().reconciliationStatus.state);
        assertEquals(ResourceLifecycleState.UPGRADING, app.getStatus().lifecycleState);
        assertEquals(Next.STEP_TAKEN, step(app), "the trigger id is recorded before the stop");
        String triggerId = app.getStatus().jobStatus.savepointInfo.triggerId;
        assertNotNull(triggerId);
        assertTrue(flink.calls().stream().noneMatch(c -> c.contains("/stop")), "nothing asked before the write");

        Next next = settle(app);

        assertEquals(Next.DEPLOY, next);
        assertEquals(1, flink.calls().stream().filter(c -> c.contains("/stop")).count(), "stopped once");
        assertEquals(FlinkJobStatus.FINISHED, jobManager.jobState(oldJob));
        String newJob = app.getStatus().jobStatus.jobId;
        assertNotEquals(oldJob, newJob);
        var savepoint = app.getStatus().jobStatus.savepointInfo.lastSavepoint;
        assertEquals(SnapshotTriggerType.UPGRADE, savepoint.triggerType);
        assertEquals(savepoint.location, app.getStatus().jobStatus.upgradeSavepointPath);
        assertEquals(savepoint.location, jobManager.restoredFrom(newJob));
        assertEquals(1, cluster.removals);
        assertNull(app.getStatus().reconciliationStatus.upgrade);
        assertEquals(ReconciliationState.DEPLOYED, app.getStatus().reconciliationStatus.state);
    }

    @Test
    void aFailedSavepointBlocksTheUpgradeAndTheJobKeepsRunning() {
        FlinkDeployment app = deployedAndRunning(UpgradeMode.SAVEPOINT);
        String job = app.getStatus().jobStatus.jobId;
        jobManager.failSavepoints("java.io.IOException: disk full");

        app.getSpec().job.parallelism = 4;
        Next next = settle(app);

        assertEquals(Next.BLOCKED, next);
        assertTrue(app.getStatus().error.contains("disk full"), app.getStatus().error);
        assertEquals(FlinkJobStatus.RUNNING, jobManager.jobState(job));
        assertEquals(0, cluster.removals);
    }

    @Test
    void lastStateWithoutHighAvailabilityCancelsAndRestoresTheLatestCheckpoint() {
        FlinkDeployment app = deployedAndRunning(UpgradeMode.LAST_STATE);
        String oldJob = app.getStatus().jobStatus.jobId;
        jobManager.completeCheckpoint(oldJob);
        String latest = jobManager.completeCheckpoint(oldJob);

        app.getSpec().job.parallelism = 4;
        assertEquals(Next.DEPLOY, settle(app));

        assertEquals(FlinkJobStatus.CANCELED, jobManager.jobState(oldJob));
        assertEquals(latest, jobManager.restoredFrom(app.getStatus().jobStatus.jobId));
    }

    @Test
    void aCancelledJobsLatestCheckpointIsReadOnceFlinksCachedStatisticsHaveCaughtUp() {
        FlinkDeployment app = deployedAndRunning(UpgradeMode.LAST_STATE);
        String oldJob = app.getStatus().jobStatus.jobId;
        String latest = jobManager.completeCheckpoint(oldJob);
        clock = Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:01Z"), java.time.ZoneOffset.UTC);

        app.getSpec().job.parallelism = 4;
        assertEquals(Next.STEP_TAKEN, step(app));
        assertEquals(Next.WAITING, step(app), "cancelling");
        assertEquals(FlinkJobStatus.CANCELED, jobManager.jobState(oldJob));
        int calls = flink.calls().size();
        assertEquals(Next.WAITING, step(app), "ended 1 s ago (the fake JobManager's time): statistics may be stale");
        assertTrue(flink.calls().subList(calls, flink.calls().size()).stream().noneMatch(c -> c.contains("/checkpoints")),
                "not read yet");

        clock = Clock.offset(clock, JobStopper.STATISTICS_SETTLE);
        assertEquals(Next.STEP_TAKEN, step(app));
        assertEquals(latest, app.getStatus().jobStatus.upgradeSavepointPath);
    }

    @Test
    void lastStateWithKubernetesHaKeepsTheJobIdAndForgetsOnlyTheJobGraph() {
        settings = settings(true, null);
        FlinkDeployment app = deployedAndRunning(UpgradeMode.LAST_STATE);
        String job = app.getStatus().jobStatus.jobId;

        app.getSpec().job.parallelism = 4;
        assertEquals(Next.DEPLOY, settle(app));

        assertTrue(flink.calls().stream().noneMatch(c -> c.contains("cancel")), "the job dies with its cluster");
        assertEquals(job, app.getStatus().jobStatus.jobId, "HA metadata is kept under the job's id");
        assertEquals(1, cluster.jobGraphsForgotten);
    }

    @Test
    void withNoCheckpointToBeFoundAStatefulUpgradeStopsAndSaysManualRestoreRequired() {
        FlinkDeployment app = deployedAndRunning(UpgradeMode.LAST_STATE);
        cluster.reachable = false; // the JobManager is lost and high availability is off

        app.getSpec().job.parallelism = 4;
        Next next = settle(app);

        assertEquals(Next.BLOCKED, next);
        assertTrue(app.getStatus().error.startsWith("Manual restore required"), app.getStatus().error);
        assertEquals(0, cluster.removals, "nothing is removed");
    }

    @Test
    void lastStateRefusesToCancelWhenCheckpointsWouldBeDeletedWithTheJob() {
        settings = settings(false, "DELETE_ON_CANCELLATION");
        FlinkDeployment app = deployedAndRunning(UpgradeMode.LAST_STATE);
        jobManager.completeCheckpoint(app.getStatus().jobStatus.jobId);

        app.getSpec().job.parallelism = 4;

        assertEquals(Next.BLOCKED, settle(app));
        assertTrue(app.getStatus().error.contains("RETAIN_ON_CANCELLATION"), app.getStatus().error);
        assertEquals(FlinkJobStatus.RUNNING, jobManager.jobState(app.getStatus().jobStatus.jobId));
    }

    @Test
    void statelessCancelsAndStartsEmpty() {
        FlinkDeployment app = deployedAndRunning(UpgradeMode.STATELESS);
        String oldJob = app.getStatus().jobStatus.jobId;
        jobManager.completeCheckpoint(oldJob);

        app.getSpec().job.parallelism = 4;
        assertEquals(Next.DEPLOY, settle(app));

        assertEquals(FlinkJobStatus.CANCELED, jobManager.jobState(oldJob));
        assertNull(jobManager.restoredFrom(app.getStatus().jobStatus.jobId));
    }

    @Test
    void suspendTakesASavepointAndRemovesTheClusterAndResumeRestoresIt() {
        FlinkDeployment app = deployedAndRunning(UpgradeMode.SAVEPOINT);

        app.getSpec().job.state = JobState.SUSPENDED;
        assertEquals(Next.SUSPENDED, settle(app));
        assertEquals(ResourceLifecycleState.SUSPENDED, app.getStatus().lifecycleState);
        assertTrue(cluster.everythingRemoved);
        String savepoint = app.getStatus().jobStatus.savepointInfo.lastSavepoint.location;

        app.getSpec().job.state = JobState.RUNNING;
        assertEquals(Next.DEPLOY, settle(app));
        assertEquals(savepoint, jobManager.restoredFrom(app.getStatus().jobStatus.jobId));
    }

    @Test
    void aSavepointRedeployNonceRestartsFromTheInitialSavepoint() {
        FlinkDeployment app = deployedAndRunning(UpgradeMode.SAVEPOINT);
        jobManager.addSavepoint("file:///sp/chosen");

        app.getSpec().job.initialSavepointPath = "file:///sp/chosen";
        app.getSpec().job.savepointRedeployNonce = 1L;
        assertEquals(Next.DEPLOY, settle(app));

        assertTrue(flink.calls().stream().noneMatch(c -> c.contains("/stop")), "no savepoint is taken");
        assertEquals("file:///sp/chosen", jobManager.restoredFrom(app.getStatus().jobStatus.jobId));
    }

    @Test
    void nonceOnlyChangesAreNotUpgrades() {
        FlinkDeployment app = deployedAndRunning(UpgradeMode.SAVEPOINT);
        app.getSpec().job.savepointTriggerNonce = 7L;
        app.getSpec().job.checkpointTriggerNonce = 7L;

        assertEquals(Next.DEPLOY, step(app));
        assertNull(app.getStatus().reconciliationStatus.upgrade);
    }

    @Test
    void aLostJobManagerWithKubernetesHaIsRedeployedUnderTheSameJobId() {
        settings = settings(true, null);
        FlinkDeployment app = deployedAndRunning(UpgradeMode.SAVEPOINT);
        String job = app.getStatus().jobStatus.jobId;
        cluster.running = false; // someone deleted the JobManager Deployment

        assertEquals(Next.RECOVERING_LOST_JOBMANAGER, step(app));
        assertEquals(Next.DEPLOY, settle(app));
        assertEquals(job, app.getStatus().jobStatus.jobId, "HA metadata brings the job back with its checkpoints");
    }

    @Test
    void aLostJobManagerWithoutHighAvailabilityNeedsAManualRestore() {
        FlinkDeployment app = deployedAndRunning(UpgradeMode.SAVEPOINT);
        cluster.running = false;

        assertEquals(Next.RECOVERING_LOST_JOBMANAGER, step(app));
        assertEquals(Next.BLOCKED, settle(app));
        assertTrue(app.getStatus().error.startsWith("Manual restore required"), app.getStatus().error);
    }

    @Test
    void aFailedJobIsRestartedFromItsLatestCheckpointWhenAskedTo() {
        restartFailed = true;
        settings = settings(false, "RETAIN_ON_CANCELLATION");
        FlinkDeployment app = deployedAndRunning(UpgradeMode.SAVEPOINT);
        String failed = app.getStatus().jobStatus.jobId;
        String checkpoint = jobManager.completeCheckpoint(failed);
        jobManager.failJob(failed, "java.lang.RuntimeException", "java.lang.RuntimeException: boom");
        observe(app);
        assertEquals(ResourceLifecycleState.FAILED, app.getStatus().lifecycleState);

        assertEquals(Next.RESTARTING_FAILED_JOB, step(app));
        assertEquals(Next.DEPLOY, settle(app));
        assertEquals(checkpoint, jobManager.restoredFrom(app.getStatus().jobStatus.jobId));
    }

    @Test
    void aFailedJobStaysFailedByDefault() {
        FlinkDeployment app = deployedAndRunning(UpgradeMode.SAVEPOINT);
        jobManager.failJob(app.getStatus().jobStatus.jobId, "java.lang.RuntimeException", "boom");
        observe(app);

        assertEquals(Next.DEPLOY, step(app));
        assertNull(app.getStatus().reconciliationStatus.upgrade);
    }

    @Test
    void aSpecWhoseJobDoesNotRunInTimeIsRolledBackToTheLastStableOne() {
        rollback = true;
        settings = settings(false, "RETAIN_ON_CANCELLATION");
        FlinkDeployment app = deployedAndRunning(UpgradeMode.LAST_STATE);
        String stable = app.getStatus().reconciliationStatus.lastStableSpec;
        assertNotNull(stable, "recorded once its job ran");

        app.getSpec().job.parallelism = 4;
        assertEquals(Next.DEPLOY, settle(app));
        String broken = app.getStatus().jobStatus.jobId;
        String checkpoint = jobManager.completeCheckpoint(broken);
        jobManager.failJob(broken, "java.lang.RuntimeException", "java.lang.RuntimeException: bad");
        observe(app);
        assertEquals(Next.DEPLOY, step(app), "not yet: within the readiness timeout");

        clock = Clock.offset(CLOCK, Duration.ofMinutes(2));
        assertEquals(Next.ROLLING_BACK, step(app));
        assertEquals(ResourceLifecycleState.ROLLING_BACK, app.getStatus().lifecycleState);
        assertEquals(Next.DEPLOY, settle(app));

        assertEquals(ReconciliationState.ROLLED_BACK, app.getStatus().reconciliationStatus.state);
        assertEquals(2, Rollbacks.deployedView(app).getSpec().job.parallelism, "the stable spec runs again");
        assertEquals(checkpoint, jobManager.restoredFrom(app.getStatus().jobStatus.jobId), "with the latest state");
        observe(app);
        assertEquals(ResourceLifecycleState.ROLLED_BACK, app.getStatus().lifecycleState);
        assertTrue(app.getStatus().error.contains("rolling back"), app.getStatus().error);
        assertEquals(stable, app.getStatus().reconciliationStatus.lastStableSpec);

        app.getSpec().job.parallelism = 3; // the next change is an ordinary upgrade
        assertEquals(Next.DEPLOY, settle(app));
        assertEquals(ReconciliationState.DEPLOYED, app.getStatus().reconciliationStatus.state);
        assertEquals(3, Rollbacks.deployedView(app).getSpec().job.parallelism);
    }

    @Test
    void aClusterDeployedWithoutARecordedJobIdGetsOneAndIsNotUpgraded() {
        FlinkDeployment app = app(UpgradeMode.SAVEPOINT);
        app.getStatus().reconciliationStatus = new dev.flinkoperator.crd.status.ReconciliationStatus();
        app.getStatus().reconciliationStatus.lastReconciledSpec = Serialization.asJson(app.getSpec());

        assertEquals(Next.DEPLOY, step(app));
        assertEquals(32, app.getStatus().jobStatus.jobId.length());
        assertNull(app.getStatus().reconciliationStatus.upgrade);
    }

    @Test
    void aParallelismChangeUnderTheAdaptiveSchedulerRescalesTheRunningJobInPlace() {
        FlinkDeployment app = adaptive(deployedAndRunning(UpgradeMode.SAVEPOINT));
        String job = app.getStatus().jobStatus.jobId;

        app.getSpec().job.parallelism = 4;
        assertEquals(Next.STEP_TAKEN, step(app), "the rescale is recorded before Flink is asked");
        assertEquals(UpgradeProgress.Step.RESCALE, app.getStatus().reconciliationStatus.upgrade.step);
        assertTrue(flink.calls().stream().noneMatch(c -> c.startsWith("PUT")), "nothing asked before the write");
        assertEquals(SpecChange.NONE,
                SpecChange.of(app.getSpec(), app.getStatus().reconciliationStatus.lastReconciledSpec));

        assertEquals(Next.RESCALED, step(app));
        assertEquals(4, jobManager.parallelism(job), "Flink runs the job at the new parallelism");
        assertEquals(job, app.getStatus().jobStatus.jobId, "the same job");
        assertEquals(FlinkJobStatus.RUNNING, jobManager.jobState(job));
        assertEquals(0, cluster.removals, "no new cluster");
        assertNull(app.getStatus().reconciliationStatus.upgrade);
        assertEquals(Next.DEPLOY, step(app));
    }

    @Test
    void aParallelismChangeWithoutTheAdaptiveSchedulerIsAnUpgrade() {
        FlinkDeployment app = deployedAndRunning(UpgradeMode.SAVEPOINT);
        String oldJob = app.getStatus().jobStatus.jobId;

        app.getSpec().job.parallelism = 4;
        assertEquals(Next.DEPLOY, settle(app));

        assertEquals(1, cluster.removals);
        assertNotEquals(oldJob, app.getStatus().jobStatus.jobId);
        assertTrue(flink.calls().stream().noneMatch(c -> c.contains("resource-requirements")));
    }

    @Test
    void aRescaleFlinkRefusesBecomesAnUpgradeAndAnotherChangeMeanwhileTakesOver() {
        FlinkDeployment app = adaptive(deployedAndRunning(UpgradeMode.SAVEPOINT));
        String oldJob = app.getStatus().jobStatus.jobId;
        app.getSpec().job.parallelism = 4;
        assertEquals(Next.STEP_TAKEN, step(app));

        // The job stops running before Flink is asked: the resource-requirements call is refused
        jobManager.setJobState(oldJob, FlinkJobStatus.CANCELED);
        assertEquals(Next.STEP_TAKEN, step(app));
        assertEquals(UpgradeProgress.Step.STOP_JOB, app.getStatus().reconciliationStatus.upgrade.step);
        assertEquals(Next.DEPLOY, settle(app));
        assertNotEquals(oldJob, app.getStatus().jobStatus.jobId);

        // A rescale still recorded when another change comes is replaced by that change's upgrade
        observe(app);
        app.getSpec().job.parallelism = 3;
        assertEquals(Next.STEP_TAKEN, step(app));
        app.getSpec().job.entryClass = "org.example.Other";
        assertEquals(Next.STEP_TAKEN, step(app));
        assertEquals(UpgradeProgress.Step.STOP_JOB, app.getStatus().reconciliationStatus.upgrade.step);
    }

    @Test
    void aRescaleWhoseJobManagerWentAwayRecoversAsAnUpgrade() {
        FlinkDeployment app = adaptive(deployedAndRunning(UpgradeMode.SAVEPOINT));
        app.getSpec().job.parallelism = 4;
        assertEquals(Next.STEP_TAKEN, step(app));

        cluster.running = false; // someone deleted the JobManager Deployment
        assertEquals(Next.STEP_TAKEN, step(app));

        var upgrade = app.getStatus().reconciliationStatus.upgrade;
        assertEquals(UpgradeProgress.Step.STOP_JOB, upgrade.step);
        assertEquals(UpgradeProgress.StateSource.LAST_STATE, upgrade.stateSource, "what a lost JobManager can give");
    }

    @Test
    void specChangesThatSetOnlyParallelismAreScales() {
        FlinkDeployment app = app(UpgradeMode.SAVEPOINT);
        String before = Serialization.asJson(app.getSpec());
        app.getSpec().job.parallelism = 8;
        app.getSpec().taskManager = new dev.flinkoperator.crd.spec.TaskManagerSpec();
        app.getSpec().taskManager.replicas = 4;
        app.getSpec().flinkConfiguration = Serialization.jsonMapper().createObjectNode().set("pipeline",
                Serialization.jsonMapper().createObjectNode().put("jobvertex-parallelism-overrides", "ab:2"));
        assertEquals(SpecChange.SCALE, SpecChange.of(app.getSpec(), before));

        app.getSpec().taskManager.resource = new dev.flinkoperator.crd.spec.Resource();
        app.getSpec().taskManager.resource.memory = "2g";
        assertEquals(SpecChange.UPGRADE, SpecChange.of(app.getSpec(), before));
    }

    // ---- harness ----

    private void observe(FlinkDeployment app) {
        JobObserver.observe(app.getStatus(), true, flink, new JobObserver.Stability(Duration.ZERO, clock));
    }

    private static FlinkDeployment adaptive(FlinkDeployment app) {
        app.getSpec().flinkConfiguration = Serialization.jsonMapper().createObjectNode()
                .put("jobmanager.scheduler", "adaptive");
        app.getStatus().reconciliationStatus.lastReconciledSpec = Serialization.asJson(app.getSpec());
        return app;
    }

    private Next step(FlinkDeployment app) {
        return ApplicationLifecycle.advance(app, settings, () -> cluster.reachable && cluster.running ? flink : null,
                cluster, clock);
    }

    /** Passes until the lifecycle rests; a DEPLOY starts the recorded job as the new cluster's entrypoint would. */
    private Next settle(FlinkDeployment app) {
        for (int i = 0; i < 30; i++) {
            Next next = step(app);
            if (next == Next.DEPLOY) {
                if (!cluster.running) {
                    cluster.running = true;
                    jobManager.startApplicationJob(app.getStatus().jobStatus.jobId,
                            app.getStatus().jobStatus.upgradeSavepointPath);
                }
                return next;
            }
            if (next == Next.BLOCKED || next == Next.SUSPENDED) {
                return next;
            }
        }
        throw new AssertionError("the lifecycle did not settle");
    }

    private FlinkDeployment deployedAndRunning(UpgradeMode mode) {
        FlinkDeployment app = app(mode);
        assertEquals(Next.DEPLOY, settle(app));
        observe(app); // the observer records the running job
        return app;
    }

    private String firstIdOfACopy() {
        FlinkDeployment copy = app(UpgradeMode.SAVEPOINT);
        step(copy);
        return copy.getStatus().jobStatus.jobId;
    }

    private static FlinkDeployment app(UpgradeMode mode) {
        FlinkDeployment app = Serialization.unmarshal("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: app, namespace: ns, uid: 7f1c, generation: 1}
                spec:
                  flinkVersion: v1_20
                  job: {jarURI: "local:///opt/flink/examples/streaming/StateMachineExample.jar", parallelism: 2}
                """, FlinkDeployment.class);
        app.getSpec().job.upgradeMode = mode;
        app.setStatus(new FlinkDeploymentStatus());
        return app;
    }

    private JobSettings settings(boolean kubernetesHa, String retention) {
        return new JobSettings(true, false, restartFailed, rollback, Duration.ofMinutes(1), Duration.ZERO,
                Duration.ofMinutes(5), "file:///flink-data/savepoints", CHECKPOINTS, kubernetesHa, retention, SnapshotFormat.CANONICAL,
                JobSettings.Snapshots.DEFAULT);
    }

    /** The cluster's Kubernetes side: removal takes one pass to start and one to find the pods gone. */
    private static final class FakeCluster implements ApplicationLifecycle.Cluster {
        boolean running;
        boolean reachable = true;
        boolean everythingRemoved;
        int removals;
        int jobGraphsForgotten;

        @Override
        public boolean remove(boolean everything) {
            if (running) {
                running = false;
                removals++;
                everythingRemoved = everything;
                return false;
            }
            return true;
        }

        @Override
        public boolean jobManagerExists() {
            return running;
        }

        @Override
        public void forgetJobGraphs() {
            jobGraphsForgotten++;
        }
    }
}
