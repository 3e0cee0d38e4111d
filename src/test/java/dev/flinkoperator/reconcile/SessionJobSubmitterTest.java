package dev.flinkoperator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.FlinkSessionJobStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.crd.status.ReconciliationState;
import dev.flinkoperator.flink.FakeFlinkRestClient;
import dev.flinkoperator.flink.FlinkJobStatus;
import dev.flinkoperator.flink.JarSource;
import dev.flinkoperator.flink.SnapshotFormat;
import dev.flinkoperator.lifecycle.JobSettings;
import java.time.Duration;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionJobSubmitterTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final JobSettings SETTINGS = new JobSettings(true, false, false, false, Duration.ofMinutes(5),
            Duration.ZERO, Duration.ofMinutes(5), null, null, false, "RETAIN_ON_CANCELLATION", SnapshotFormat.CANONICAL,
            JobSettings.Snapshots.DEFAULT);
    private final FakeFlinkRestClient flink = new FakeFlinkRestClient();
    private final JarSource jars = new JarSource();

    @TempDir
    Path dir;

    @Test
    void theJobRunsUnderTheIdRecordedBeforeSubmittingAndIsSubmittedOnce() throws Exception {
        FlinkSessionJob job = sessionJob("file://" + Files.writeString(dir.resolve("job.jar"), "jar"));
        assertTrue(SessionJobSubmitter.chooseJobId(job, Clock.systemUTC()));
        String jobId = job.getStatus().jobStatus.jobId;
        assertFalse(SessionJobSubmitter.chooseJobId(job, Clock.systemUTC()), "chosen once");

        SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);
        assertEquals(ResourceLifecycleState.DEPLOYED, job.getStatus().lifecycleState);
        assertEquals(FlinkJobStatus.RUNNING, flink.jobManager().jobState(jobId));

        // A reconcile that runs again (or an operator restarted after submitting) finds the job instead of resubmitting
        JobObserver.Outcome outcome = SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);
        assertTrue(outcome.settled());
        assertEquals(1, flink.calls().stream().filter(c -> c.endsWith("/run")).count());
        assertEquals(FlinkJobState.RUNNING, job.getStatus().jobStatus.state);
        assertEquals(ResourceLifecycleState.STABLE, job.getStatus().lifecycleState);
    }

    @Test
    void aJarTheOperatorCannotReadIsTheSpecsErrorNotACrash() {
        FlinkSessionJob job = sessionJob("local:///opt/flink/examples/streaming/TopSpeedWindowing.jar");
        SessionJobSubmitter.chooseJobId(job, Clock.systemUTC());

        JobObserver.Outcome outcome = SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);

        assertTrue(job.getStatus().error.contains("local:// is not one it can read"), job.getStatus().error);
        assertEquals(job.getStatus().error, outcome.failure());
        assertTrue(flink.calls().stream().noneMatch(c -> c.contains("/jars")), "nothing was uploaded");
    }

    @Test
    void deletingCancelsARunningJobAndLeavesAnEndedOneAlone() throws Exception {
        FlinkSessionJob job = sessionJob("file://" + Files.writeString(dir.resolve("job.jar"), "jar"));
        job.getMetadata().setDeletionTimestamp(java.time.Instant.now().toString());
        SessionJobSubmitter.chooseJobId(job, Clock.systemUTC());
        SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);
        String jobId = job.getStatus().jobStatus.jobId;
        RecordedEvents events = new RecordedEvents();

        assertFalse(JobDeletion.stop(job, job.getStatus(), SETTINGS, flink, events, CLOCK), "waits for the cancel");
        assertEquals(FlinkJobStatus.CANCELED, flink.jobManager().jobState(jobId));
        assertTrue(JobDeletion.stop(job, job.getStatus(), SETTINGS, flink, events, CLOCK));
        assertEquals(1, flink.calls().stream().filter(c -> c.startsWith("PATCH")).count(), "cancelled once");
        assertEquals(List.of(), events.reasons);
    }

    @Test
    void deletingWithSavepointOnDeletionNamesTheSavepointInAnEvent() throws Exception {
        FlinkSessionJob job = running(sessionJob("file://" + Files.writeString(dir.resolve("job.jar"), "jar")));
        job.getMetadata().setDeletionTimestamp(java.time.Instant.now().toString());
        JobSettings onDeletion = new JobSettings(true, true, false, false, Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(5),
                null, null, false, null, SnapshotFormat.CANONICAL, JobSettings.Snapshots.DEFAULT);
        RecordedEvents events = new RecordedEvents();

        boolean stopped = false;
        for (int i = 0; i < 6 && !stopped; i++) {
            stopped = JobDeletion.stop(job, job.getStatus(), onDeletion, flink, events, CLOCK);
        }

        assertTrue(stopped);
        assertEquals(FlinkJobStatus.FINISHED, flink.jobManager().jobState(job.getStatus().jobStatus.jobId));
        assertEquals(List.of("SavepointOnDeletion"), events.reasons);
        assertTrue(events.messages.get(0).contains(job.getStatus().jobStatus.savepointInfo.lastSavepoint.location));
    }

    @Test
    void aDeletionNeverWaitsPastTheCleanupTimeout() throws Exception {
        FlinkSessionJob job = running(sessionJob("file://" + Files.writeString(dir.resolve("job.jar"), "jar")));
        job.getMetadata().setDeletionTimestamp(java.time.Instant.now().minus(Duration.ofMinutes(6)).toString());
        RecordedEvents events = new RecordedEvents();

        assertTrue(JobDeletion.stop(job, job.getStatus(), SETTINGS, flink, events, CLOCK));
        assertEquals(List.of("JobNotStopped"), events.reasons);
        assertEquals(FlinkJobStatus.RUNNING, flink.jobManager().jobState(job.getStatus().jobStatus.jobId));
    }

    /** Events the operator would record, kept in memory. */
    private static final class RecordedEvents extends EventRecorder {
        final List<String> reasons = new java.util.ArrayList<>();
        final List<String> messages = new java.util.ArrayList<>();

        RecordedEvents() {
            super(null, CLOCK);
        }

        @Override
        public void warning(io.fabric8.kubernetes.api.model.HasMetadata resource, String reason, String message) {
            reasons.add(reason);
            messages.add(message);
        }

        @Override
        public void normal(io.fabric8.kubernetes.api.model.HasMetadata resource, String reason, String message) {
            reasons.add(reason);
            messages.add(message);
        }
    }

    @Test
    void aChangedStatelessSpecCancelsTheJobThenRunsTheNewSpecUnderANewId() throws Exception {
        FlinkSessionJob job = running(sessionJob("file://" + Files.writeString(dir.resolve("job.jar"), "jar")));
        String oldId = job.getStatus().jobStatus.jobId;
        job.getSpec().job.parallelism = 3;

        assertTrue(SessionJobSubmitter.recordSpecChange(job, CLOCK), "the change is recorded before acting on it");
        assertEquals(ResourceLifecycleState.UPGRADING, job.getStatus().lifecycleState);
        assertFalse(SessionJobSubmitter.recordSpecChange(job, CLOCK));
        assertTrue(SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK).soon(), "cancelled: look again soon");
        assertEquals(FlinkJobStatus.CANCELED, flink.jobManager().jobState(oldId));
        SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK); // the old one ended: a new id for the new spec
        String newId = job.getStatus().jobStatus.jobId;
        assertTrue(!newId.equals(oldId));
        SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK); // submitted under it
        SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);
        assertEquals(FlinkJobStatus.RUNNING, flink.jobManager().jobState(newId));
        assertEquals(ResourceLifecycleState.STABLE, job.getStatus().lifecycleState);
    }

    @Test
    void suspendingCancelsAndResumingRunsTheJobAgain() throws Exception {
        FlinkSessionJob job = running(sessionJob("file://" + Files.writeString(dir.resolve("job.jar"), "jar")));
        String firstId = job.getStatus().jobStatus.jobId;
        job.getSpec().job.state = dev.flinkoperator.crd.spec.JobState.SUSPENDED;
        SessionJobSubmitter.recordSpecChange(job, CLOCK);
        SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);
        JobObserver.Outcome suspended = SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);
        assertTrue(suspended.settled());
        assertEquals(ResourceLifecycleState.SUSPENDED, job.getStatus().lifecycleState);
        assertEquals(FlinkJobState.CANCELED, job.getStatus().jobStatus.state);
        SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);
        assertEquals(ResourceLifecycleState.SUSPENDED, job.getStatus().lifecycleState, "and stays so");

        job.getSpec().job.state = dev.flinkoperator.crd.spec.JobState.RUNNING;
        SessionJobSubmitter.recordSpecChange(job, CLOCK);
        for (int i = 0; i < 3; i++) {
            SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);
        }
        assertEquals(ResourceLifecycleState.STABLE, job.getStatus().lifecycleState);
        assertTrue(!job.getStatus().jobStatus.jobId.equals(firstId));
    }

    @Test
    void aSavepointUpgradeStopsWithASavepointAndTheNewJobStartsFromIt() throws Exception {
        FlinkSessionJob job = sessionJob("file://" + Files.writeString(dir.resolve("job.jar"), "jar"));
        job.getSpec().job.upgradeMode = dev.flinkoperator.crd.spec.UpgradeMode.SAVEPOINT;
        running(job);
        String oldId = job.getStatus().jobStatus.jobId;
        job.getSpec().job.parallelism = 3;
        assertTrue(SessionJobSubmitter.recordSpecChange(job, CLOCK));

        for (int i = 0; i < 8 && job.getStatus().lifecycleState != ResourceLifecycleState.STABLE; i++) {
            SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);
        }

        assertEquals(ResourceLifecycleState.STABLE, job.getStatus().lifecycleState);
        assertEquals(FlinkJobStatus.FINISHED, flink.jobManager().jobState(oldId), "stopped with a savepoint");
        String savepoint = job.getStatus().jobStatus.savepointInfo.lastSavepoint.location;
        String newId = job.getStatus().jobStatus.jobId;
        assertEquals(savepoint, flink.jobManager().restoredFrom(newId));
        assertEquals(1, flink.calls().stream().filter(c -> c.contains("/stop")).count());
    }

    @Test
    void withRestartFailedAFailedJobIsReplacedFromItsLatestCheckpoint() throws Exception {
        JobSettings restartFailed = new JobSettings(true, false, true, false, Duration.ofMinutes(5), Duration.ZERO,
                Duration.ofMinutes(5), null, null, false, "RETAIN_ON_CANCELLATION", SnapshotFormat.CANONICAL,
                JobSettings.Snapshots.DEFAULT);
        FlinkSessionJob job = sessionJob("file://" + Files.writeString(dir.resolve("job.jar"), "jar"));
        job.getSpec().job.upgradeMode = dev.flinkoperator.crd.spec.UpgradeMode.LAST_STATE;
        running(job);
        String failedId = job.getStatus().jobStatus.jobId;
        String checkpoint = flink.jobManager().completeCheckpoint(failedId);
        flink.jobManager().failJob(failedId, "java.lang.RuntimeException", "java.lang.RuntimeException: boom");

        JobObserver.Outcome failed = SessionJobSubmitter.submitOrObserve(job, flink, jars, restartFailed, CLOCK);
        assertTrue(failed.failure().contains("boom"), failed.failure());
        assertTrue(failed.soon());
        assertEquals(ReconciliationState.UPGRADING, job.getStatus().reconciliationStatus.state, "recorded first");
        for (int i = 0; i < 8 && job.getStatus().lifecycleState != ResourceLifecycleState.STABLE; i++) {
            SessionJobSubmitter.submitOrObserve(job, flink, jars, restartFailed, CLOCK);
        }

        String newId = job.getStatus().jobStatus.jobId;
        assertNotEquals(failedId, newId);
        assertEquals(FlinkJobStatus.RUNNING, flink.jobManager().jobState(newId));
        assertEquals(checkpoint, flink.jobManager().restoredFrom(newId));

        // Without the setting a failed job stays failed
        flink.jobManager().failJob(newId, "java.lang.RuntimeException", "java.lang.RuntimeException: again");
        SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);
        SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);
        assertEquals(newId, job.getStatus().jobStatus.jobId);
        assertEquals(ResourceLifecycleState.FAILED, job.getStatus().lifecycleState);
    }

    @Test
    void aNonceOnlyChangeDoesNotReplaceTheJob() throws Exception {
        FlinkSessionJob job = running(sessionJob("file://" + Files.writeString(dir.resolve("job.jar"), "jar")));
        job.getSpec().job.savepointTriggerNonce = 5L;
        assertFalse(SessionJobSubmitter.recordSpecChange(job, CLOCK));
    }

    private FlinkSessionJob running(FlinkSessionJob job) {
        SessionJobSubmitter.chooseJobId(job, CLOCK);
        SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);
        SessionJobSubmitter.submitOrObserve(job, flink, jars, SETTINGS, CLOCK);
        assertEquals(ResourceLifecycleState.STABLE, job.getStatus().lifecycleState);
        return job;
    }

    private static FlinkSessionJob sessionJob(String jarUri) {
        FlinkSessionJob job = Serialization.unmarshal("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata: {name: job, namespace: ns}
                spec:
                  deploymentName: session
                  job: {jarURI: "%s", parallelism: 2, upgradeMode: stateless}
                """.formatted(jarUri), FlinkSessionJob.class);
        job.setStatus(new FlinkSessionJobStatus());
        return job;
    }
}
