package dev.flinkoperator.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.flink.FlinkRestException.Failure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake behaves as Flink does where reconciler tests will rely on it. */
class FakeFlinkRestClientTest {
    private final FakeFlinkRestClient flink = new FakeFlinkRestClient();

    private String submit(JarRunRequest request) {
        return flink.runJar(flink.uploadJar(Path.of("/downloads/orders.jar")), request).jobId();
    }

    private String runningJob() {
        return submit(JarRunRequest.fresh("org.example.Orders", List.of(), 2, null));
    }

    @Test
    void aSubmittedJarRunsAsAJobWithTheRequestedIdAndParallelism() {
        String jobId = FlinkRestClient.newTriggerId();
        assertEquals(jobId, submit(JarRunRequest.fresh("org.example.Orders", List.of(), 3, jobId)));
        JobDetails job = flink.job(jobId);
        assertEquals(FlinkJobStatus.RUNNING, job.state());
        assertEquals(3, job.vertices().get(0).parallelism());
        assertEquals(List.of(jobId), flink.jobs().stream().map(JobOverview::jobId).toList());
        assertEquals(1, flink.overview().jobsRunning());
    }

    @Test
    void aJarThatWasNotUploadedCannotRun() {
        FlinkRestException e = assertThrows(FlinkRestException.class,
                () -> flink.runJar("nope.jar", JarRunRequest.fresh("org.example.Orders", List.of(), 1, null)));
        assertEquals(400, e.status());
    }

    @Test
    void resubmittingARunningJobIdIsRefusedAsDuplicate() {
        String jobId = runningJob();
        FlinkRestException e = assertThrows(FlinkRestException.class,
                () -> submit(JarRunRequest.fresh("org.example.Orders", List.of(), 1, jobId)));
        assertTrue(e.getMessage().contains("DuplicateJobSubmissionException"), e.getMessage());
    }

    @Test
    void aSavepointCompletesOnTheNextPollAndCanBeRestoredFrom() {
        String jobId = runningJob();
        String trigger = flink.triggerSavepoint(jobId, new SavepointRequest("s3://sp", false, null, null));

        OperationStatus status = flink.savepointStatus(jobId, trigger);

        assertEquals(OperationStatus.State.COMPLETED, status.state());
        assertTrue(status.location().startsWith("s3://sp/savepoint-"), status.location());
        assertEquals(FlinkJobStatus.RUNNING, flink.job(jobId).state());
        flink.cancelJob(jobId);
        String restored = submit(JarRunRequest.fresh("org.example.Orders", List.of(), 2, null)
                .restoringFrom(status.location(), false, RestoreMode.NO_CLAIM));
        CheckpointStats.Restored from = flink.checkpointStats(restored).latest().restored();
        assertEquals(status.location(), from.externalPath());
        assertTrue(from.savepoint());
    }

    @Test
    void operationsCanStayInProgressForSomePolls() {
        flink.jobManager().answerInProgressFor(2);
        String jobId = runningJob();
        String trigger = flink.triggerCheckpoint(jobId, new CheckpointRequest(CheckpointKind.FULL, null));
        assertEquals(OperationStatus.inProgress(), flink.checkpointStatus(jobId, trigger));
        assertEquals(OperationStatus.inProgress(), flink.checkpointStatus(jobId, trigger));
        assertEquals(OperationStatus.completed(null, 1L), flink.checkpointStatus(jobId, trigger));
        assertEquals(OperationStatus.completed(null, 1L), flink.checkpointStatus(jobId, trigger), "stays done");
        assertNotNull(flink.checkpointStats(jobId).latest().completed());
    }

    @Test
    void stopWithSavepointFinishesTheJob() {
        String jobId = runningJob();
        String trigger = flink.stopWithSavepoint(jobId, new StopWithSavepointRequest(null, false, null, null));
        assertEquals(FlinkJobStatus.RUNNING, flink.job(jobId).state(), "not before Flink says it is done");
        assertTrue(flink.savepointStatus(jobId, trigger).isDone());
        assertEquals(FlinkJobStatus.FINISHED, flink.job(jobId).state());
    }

    @Test
    void aFailingSavepointLeavesTheJobRunning() {
        flink.jobManager().failSavepoints("java.io.IOException: Permission denied");
        String jobId = runningJob();
        String trigger = flink.stopWithSavepoint(jobId, new StopWithSavepointRequest(null, false, null, null));
        assertEquals(OperationStatus.failed("java.io.IOException: Permission denied"),
                flink.savepointStatus(jobId, trigger));
        assertEquals(FlinkJobStatus.RUNNING, flink.job(jobId).state());
    }

    @Test
    void retriggeringWithTheSameTriggerIdStartsNoSecondSavepoint() {
        String jobId = runningJob();
        String triggerId = FlinkRestClient.newTriggerId();
        SavepointRequest request = new SavepointRequest(null, false, null, triggerId);
        assertEquals(triggerId, flink.triggerSavepoint(jobId, request));
        assertEquals(triggerId, flink.triggerSavepoint(jobId, request));
        flink.savepointStatus(jobId, triggerId);
        assertEquals(1, flink.jobManager().savepointPaths().size());
    }

    @Test
    void disposingASavepointRemovesItAndASecondDisposalFails() {
        String path = flink.jobManager().addSavepoint("s3://sp/savepoint-0a1b2c-1");
        assertTrue(flink.disposalStatus(flink.disposeSavepoint(path)).isDone());
        assertFalse(flink.jobManager().savepointPaths().contains(path));
        assertEquals(OperationStatus.State.FAILED, flink.disposalStatus(flink.disposeSavepoint(path)).state());
    }

    @Test
    void anUnknownJobOrTriggerIsNotFound() {
        assertTrue(assertThrows(FlinkRestException.class, () -> flink.job("0000")).notFound());
        String jobId = runningJob();
        assertTrue(assertThrows(FlinkRestException.class, () -> flink.savepointStatus(jobId, "ffff")).notFound());
    }

    @Test
    void aFailedJobReportsItsException() {
        String jobId = runningJob();
        flink.jobManager().failJob(jobId, "java.lang.RuntimeException", "java.lang.RuntimeException: boom\n\tat x");
        assertEquals(FlinkJobStatus.FAILED, flink.job(jobId).state());
        assertEquals("java.lang.RuntimeException: boom\n\tat x", flink.jobExceptions(jobId).latestStackTrace());
    }

    @Test
    void rescalingSetsTheVertexToItsUpperBound() {
        String jobId = runningJob();
        String vertex = flink.job(jobId).vertices().get(0).id();
        flink.updateResourceRequirements(jobId, Map.of(vertex, new ParallelismBounds(1, 5)));
        assertEquals(Map.of(vertex, new ParallelismBounds(1, 5)), flink.resourceRequirements(jobId));
        assertEquals(5, flink.job(jobId).vertices().get(0).parallelism());
    }

    @Test
    void switchesMakeEveryCallUnansweredOrRefusedUntilSwitchedBack() {
        String jobId = runningJob();
        flink.noAnswer(Failure.UNREACHABLE);
        assertTrue(assertThrows(FlinkRestException.class, () -> flink.job(jobId)).noAnswer());
        flink.answerAgain().refuseEverything(503, "Service temporarily unavailable due to an ongoing leader election.");
        FlinkRestException refused = assertThrows(FlinkRestException.class, flink::overview);
        assertEquals(503, refused.status());
        assertEquals("GET /overview answered HTTP 503: Service temporarily unavailable due to an ongoing leader "
                + "election.", refused.getMessage());
        flink.answerAgain();
        assertEquals(FlinkJobStatus.RUNNING, flink.job(jobId).state());
        assertEquals(List.of("POST /jars/upload", "POST /jars/:jarid/run", "GET /jobs/:id", "GET /overview",
                "GET /jobs/:id"), flink.calls());
    }
}
