package dev.flinkoperator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.flink.FakeFlinkRestClient;
import dev.flinkoperator.flink.FlinkJobStatus;
import dev.flinkoperator.flink.FlinkRestException;
import org.junit.jupiter.api.Test;

class JobObserverTest {
    private final FakeFlinkRestClient flink = new FakeFlinkRestClient();
    private final FlinkDeploymentStatus status = deployedStatus();

    @Test
    void aRunningJobIsRecordedAsFlinkReportsItAndMakesTheDeploymentStable() {
        String jobId = flink.jobManager().addJob("CarTopSpeedWindowingExample", FlinkJobStatus.RUNNING, 2);

        JobObserver.Outcome outcome = JobObserver.observe(status, true, flink);

        assertTrue(outcome.settled());
        assertEquals(jobId, status.jobStatus.jobId);
        assertEquals("CarTopSpeedWindowingExample", status.jobStatus.jobName);
        assertEquals(FlinkJobState.RUNNING, status.jobStatus.state);
        assertEquals(ResourceLifecycleState.STABLE, status.lifecycleState);
        assertEquals(FakeFlinkRestClient.FLINK_VERSION, status.clusterInfo.get("flink-version"));
    }

    @Test
    void theLatestCompletedCheckpointOfARunningJobIsRecorded() {
        String jobId = flink.jobManager().addJob("job", FlinkJobStatus.RUNNING, 1);
        JobObserver.observe(status, true, flink);
        assertNull(status.jobStatus.latestCheckpoint, "none yet");

        flink.jobManager().completeCheckpoint(jobId);
        String second = flink.jobManager().completeCheckpoint(jobId);
        JobObserver.observe(status, true, flink);

        assertEquals(2L, status.jobStatus.latestCheckpoint.id);
        assertEquals(second, status.jobStatus.latestCheckpoint.path);
    }

    @Test
    void anUnchangedJobChangesNothingAndTheVersionIsAskedOnce() {
        flink.jobManager().addJob("job", FlinkJobStatus.RUNNING, 1);
        JobObserver.observe(status, true, flink);
        String first = io.fabric8.kubernetes.client.utils.Serialization.asJson(status);
        int calls = flink.calls().size();

        JobObserver.observe(status, true, flink);

        assertEquals(first, io.fabric8.kubernetes.client.utils.Serialization.asJson(status), "nothing to write");
        assertFalse(flink.calls().subList(calls, flink.calls().size()).stream().anyMatch(c -> c.contains("/config")));
    }

    @Test
    void aJobNotSubmittedYetKeepsTheOperatorLooking() {
        JobObserver.Outcome outcome = JobObserver.observe(status, true, flink);
        assertFalse(outcome.settled());
        assertEquals(FlinkJobState.RECONCILING, status.jobStatus.state);
        assertEquals(ResourceLifecycleState.DEPLOYED, status.lifecycleState);
    }

    @Test
    void aFailedJobFailsTheDeploymentWithFlinksRootCause() {
        String jobId = flink.jobManager().addJob("job", FlinkJobStatus.RUNNING, 1);
        flink.jobManager().failJob(jobId, "java.lang.IllegalStateException",
                "java.lang.IllegalStateException: bad record\n\tat Job.map(Job.java:12)");

        JobObserver.Outcome outcome = JobObserver.observe(status, true, flink);

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

        JobObserver.Outcome outcome = JobObserver.observe(status, true, flink);

        assertFalse(outcome.settled());
        assertNull(outcome.failure());
        assertEquals(before, io.fabric8.kubernetes.client.utils.Serialization.asJson(status));
    }

    @Test
    void aSessionClusterReportsOnlyItsVersion() {
        flink.jobManager().addJob("someone's session job", FlinkJobStatus.RUNNING, 1);
        assertTrue(JobObserver.observe(status, false, flink).settled());
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
