package dev.flinkoperator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.crd.status.ReconciliationState;
import dev.flinkoperator.crd.status.ReconciliationStatus;
import dev.flinkoperator.flink.FakeFlinkRestClient;
import dev.flinkoperator.flink.FakeJobManager;
import dev.flinkoperator.flink.FlinkJobStatus;
import dev.flinkoperator.flink.FlinkRestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JobObserverTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Instant[] now = {T0};
    /** The operator's and the JobManager's clock, moved by the tests. */
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now[0];
        }
    };
    private final JobObserver.Stability atOnce = new JobObserver.Stability(Duration.ZERO, clock);
    private final FakeFlinkRestClient flink = new FakeFlinkRestClient(new FakeJobManager(clock));
    private final FlinkDeploymentStatus status = deployedStatus();

    @Test
    void aRunningJobIsRecordedAsFlinkReportsItAndMakesTheDeploymentStable() {
        String jobId = flink.jobManager().addJob("CarTopSpeedWindowingExample", FlinkJobStatus.RUNNING, 2);

        JobObserver.Outcome outcome = JobObserver.observe(status, true, flink, atOnce);

        assertTrue(outcome.settled());
        assertEquals(jobId, status.jobStatus.jobId);
        assertEquals("CarTopSpeedWindowingExample", status.jobStatus.jobName);
        assertEquals(FlinkJobState.RUNNING, status.jobStatus.state);
        assertEquals(ResourceLifecycleState.STABLE, status.lifecycleState);
        assertEquals(FakeFlinkRestClient.FLINK_VERSION, status.clusterInfo.get("flink-version"));
    }

    @Test
    void aRunningJobBecomesStableOnlyOnceItsTasksRanUnchangedForTheStableAfterTime() {
        status.reconciliationStatus = new ReconciliationStatus();
        status.reconciliationStatus.state = ReconciliationState.DEPLOYED;
        status.reconciliationStatus.lastReconciledSpec = "{\"job\":{\"parallelism\":2}}";
        JobObserver.Stability thirtySeconds = new JobObserver.Stability(Duration.ofSeconds(30), clock);
        String jobId = flink.jobManager().addJob("job", FlinkJobStatus.RUNNING, 2);
        // Flink says RUNNING once the job is scheduled; its tasks wait for TaskManagers
        flink.jobManager().setTasksRunning(jobId, false);
        now[0] = T0.plusSeconds(60);
        JobObserver.observe(status, true, flink, thirtySeconds);
        assertEquals(ResourceLifecycleState.DEPLOYED, status.lifecycleState, "not stable while its tasks wait");
        now[0] = T0;
        flink.jobManager().setTasksRunning(jobId, true);

        now[0] = T0.plusSeconds(20);
        JobObserver.Outcome early = JobObserver.observe(status, true, flink, thirtySeconds);
        assertFalse(early.settled());
        assertEquals(Duration.ofMillis(10_050), early.stableIn(), "looked at again when it may be stable");
        assertEquals(FlinkJobState.RUNNING, status.jobStatus.state);
        assertEquals(ResourceLifecycleState.DEPLOYED, status.lifecycleState);
        assertNull(status.reconciliationStatus.lastStableSpec, "not yet a rollback target");

        // A restart moves Flink's last-modification on: the job has to prove itself again
        flink.jobManager().setJobState(jobId, FlinkJobStatus.RESTARTING);
        now[0] = T0.plusSeconds(25);
        flink.jobManager().setJobState(jobId, FlinkJobStatus.RUNNING);
        now[0] = T0.plusSeconds(54);
        JobObserver.observe(status, true, flink, thirtySeconds);
        assertEquals(ResourceLifecycleState.DEPLOYED, status.lifecycleState, "29 s since the restart");

        now[0] = T0.plusSeconds(55);
        assertTrue(JobObserver.observe(status, true, flink, thirtySeconds).settled());
        assertEquals(ResourceLifecycleState.STABLE, status.lifecycleState);
        assertEquals(status.reconciliationStatus.lastReconciledSpec, status.reconciliationStatus.lastStableSpec);

        // Once stable, a later restart does not take it back
        flink.jobManager().setJobState(jobId, FlinkJobStatus.RESTARTING);
        flink.jobManager().setJobState(jobId, FlinkJobStatus.RUNNING);
        JobObserver.observe(status, true, flink, thirtySeconds);
        assertEquals(ResourceLifecycleState.STABLE, status.lifecycleState);
    }

    @Test
    void theLatestCompletedCheckpointOfARunningJobIsRecorded() {
        String jobId = flink.jobManager().addJob("job", FlinkJobStatus.RUNNING, 1);
        JobObserver.observe(status, true, flink, atOnce);
        assertNull(status.jobStatus.latestCheckpoint, "none yet");

        flink.jobManager().completeCheckpoint(jobId);
        String second = flink.jobManager().completeCheckpoint(jobId);
        JobObserver.observe(status, true, flink, atOnce);

        assertEquals(2L, status.jobStatus.latestCheckpoint.id);
        assertEquals(second, status.jobStatus.latestCheckpoint.path);
    }

    @Test
    void anUnchangedJobChangesNothingAndTheVersionIsAskedOnce() {
        flink.jobManager().addJob("job", FlinkJobStatus.RUNNING, 1);
        JobObserver.observe(status, true, flink, atOnce);
        String first = io.fabric8.kubernetes.client.utils.Serialization.asJson(status);
        int calls = flink.calls().size();

        JobObserver.observe(status, true, flink, atOnce);

        assertEquals(first, io.fabric8.kubernetes.client.utils.Serialization.asJson(status), "nothing to write");
        assertFalse(flink.calls().subList(calls, flink.calls().size()).stream().anyMatch(c -> c.contains("/config")));
    }

    @Test
    void aJobNotSubmittedYetKeepsTheOperatorLooking() {
        JobObserver.Outcome outcome = JobObserver.observe(status, true, flink, atOnce);
        assertFalse(outcome.settled());
        assertEquals(FlinkJobState.RECONCILING, status.jobStatus.state);
        assertEquals(ResourceLifecycleState.DEPLOYED, status.lifecycleState);
    }

    @Test
    void aFailedJobFailsTheDeploymentWithFlinksRootCause() {
        String jobId = flink.jobManager().addJob("job", FlinkJobStatus.RUNNING, 1);
        flink.jobManager().failJob(jobId, "java.lang.IllegalStateException",
                "java.lang.IllegalStateException: bad record\n\tat Job.map(Job.java:12)");

        JobObserver.Outcome outcome = JobObserver.observe(status, true, flink, atOnce);

        assertEquals(FlinkJobState.FAILED, status.jobStatus.state);
        assertEquals(ResourceLifecycleState.FAILED, status.lifecycleState);
        assertTrue(status.error.startsWith("Job " + jobId + " failed: java.lang.IllegalStateException: bad record"),
                status.error);
        assertEquals(status.error, outcome.failure());
    }

    @Test
    void anUnreachableJobManagerLeavesTheStatusAsItWas() {
        flink.noAnswer(FlinkRestException.Failure.UNREACHABLE);
        String before = io.fabric8.kubernetes.client.utils.Serialization.asJson(status);

        JobObserver.Outcome outcome = JobObserver.observe(status, true, flink, atOnce);

        assertFalse(outcome.settled());
        assertNull(outcome.failure());
        assertEquals(before, io.fabric8.kubernetes.client.utils.Serialization.asJson(status));
    }

    @Test
    void aSessionClusterReportsOnlyItsVersion() {
        flink.jobManager().addJob("someone's session job", FlinkJobStatus.RUNNING, 1);
        assertTrue(JobObserver.observe(status, false, flink, atOnce).settled());
        assertEquals(FlinkJobState.RECONCILING, status.jobStatus.state, "session jobs are their resources' business");
        assertEquals(FakeFlinkRestClient.FLINK_VERSION, status.clusterInfo.get("flink-version"));
    }

    private static FlinkDeploymentStatus deployedStatus() {
        FlinkDeploymentStatus status = new FlinkDeploymentStatus();
        status.lifecycleState = ResourceLifecycleState.DEPLOYED;
        status.jobStatus = new dev.flinkoperator.crd.status.JobStatus();
        status.jobStatus.state = FlinkJobState.RECONCILING;
        return status;
    }
}
