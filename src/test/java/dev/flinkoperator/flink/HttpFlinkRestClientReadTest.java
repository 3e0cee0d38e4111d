package dev.flinkoperator.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading Flink's answers, recorded from Flink 1.20 and 2.x JobManagers. */
class HttpFlinkRestClientReadTest {
    private static final String JOB = "0f4c7e2b1d9a4e6f8c3b5a7d9e1f2a3b";

    private final StubJobManager jobManager = new StubJobManager();
    private final FlinkRestClient client = jobManager.client();

    @AfterEach
    void stop() {
        jobManager.close();
    }

    @Test
    void dashboardConfigTellsTheFlinkVersionAndRevision() {
        jobManager.answerWith("GET", "/config", "config-1.20.json");
        DashboardConfig config = client.dashboardConfig();
        assertEquals("1.20.1", config.flinkVersion());
        assertEquals("1b9c0ab @ 2025-02-06T19:33:51+01:00", config.flinkRevision());
        assertEquals("application/json", jobManager.lastReceived().header("Accept"));
    }

    @Test
    void overviewCountsTaskManagersSlotsAndJobs() {
        jobManager.answerWith("GET", "/overview", "overview-1.20.json");
        assertEquals(new ClusterOverview(2, 4, 1, 1, 2, 1, 0, "1.20.1", "1b9c0ab"), client.overview());
    }

    @Test
    void overviewOfFlink2IgnoresTheBlockedSlotFields() {
        jobManager.answerWith("GET", "/overview", "overview-2.1.json");
        assertEquals(new ClusterOverview(3, 6, 6, 0, 0, 0, 1, "2.1.0", "4cb6bd3"), client.overview());
    }

    @Test
    void jobsOverviewListsRunningAndEndedJobs() {
        jobManager.answerWith("GET", "/jobs/overview", "jobs-overview-1.20.json");
        List<JobOverview> jobs = client.jobs();
        assertEquals(List.of(
                new JobOverview(JOB, "State machine job", FlinkJobStatus.RUNNING, 1739890800000L, -1, 1739890801234L,
                        new JobOverview.Tasks(4, 4, 0)),
                new JobOverview("8a1b2c3d4e5f60718293a4b5c6d7e8f9", "Nightly backfill", FlinkJobStatus.FINISHED,
                        1739800000000L, 1739803600000L, 1739803600000L, new JobOverview.Tasks(2, 0, 2))), jobs);
        assertTrue(jobs.get(0).allTasksRunning());
    }

    @Test
    void jobsOverviewOfAnEmptyClusterIsEmpty() {
        jobManager.answer("GET", "/jobs/overview", 200, "{\"jobs\":[]}");
        assertEquals(List.of(), client.jobs());
    }

    @Test
    void jobDetailsCarryStateTimesAndVertices() {
        jobManager.answerWith("GET", "/jobs/" + JOB, "job-details-1.20.json");
        JobDetails job = client.job(JOB);
        assertEquals(JOB, job.jobId());
        assertEquals(FlinkJobStatus.RUNNING, job.state());
        assertEquals(-1, job.endTime());
        assertEquals(1739890800480L, job.timestamps().get("RUNNING"));
        assertEquals(List.of(
                new JobDetails.Vertex("cbc357ccb763df2852fee8c4fc7d55f2", "Source: Custom Source -> Map", 2, 128,
                        "RUNNING"),
                new JobDetails.Vertex("90bea66de1c231edf33913ecd54406c1", "Flat Map -> Sink: Print to Std. Out", 2,
                        128, "RUNNING")), job.vertices());
    }

    @Test
    void aJobStateNewerThanThisClientIsReadAsUnknown() {
        jobManager.answer("GET", "/jobs/" + JOB, 200, "{\"jid\":\"" + JOB + "\",\"state\":\"SOME_FUTURE_STATE\"}");
        assertEquals(FlinkJobStatus.UNKNOWN, client.job(JOB).state());
    }

    @Test
    void exceptionsOfFlink1ListTheHistoryNewestFirst() {
        jobManager.answerWith("GET", "/jobs/" + JOB + "/exceptions", "job-exceptions-1.20.json");
        JobExceptions exceptions = client.jobExceptions(JOB);
        assertEquals(2, exceptions.entries().size());
        JobExceptions.Entry newest = exceptions.entries().get(0);
        assertEquals("java.lang.RuntimeException", newest.exceptionName());
        assertEquals("Flat Map -> Sink: Print to Std. Out (2/2)#0", newest.taskName());
        assertEquals("state-machine-taskmanager-1-1", newest.taskManagerId());
        assertEquals(Map.of("type", "network"), exceptions.entries().get(1).failureLabels());
        assertTrue(exceptions.latestStackTrace().startsWith("java.lang.RuntimeException: Unexpected state transition"));
        assertTrue(exceptions.rootException().startsWith("java.lang.RuntimeException: Unexpected state transition"));
    }

    @Test
    void exceptionsOfFlink2WithoutTheOldRootFieldsStillTellTheLatestFailure() {
        jobManager.answerWith("GET", "/jobs/" + JOB + "/exceptions", "job-exceptions-2.1.json");
        JobExceptions exceptions = client.jobExceptions(JOB);
        assertNull(exceptions.rootException());
        assertTrue(exceptions.latestStackTrace().startsWith("java.lang.IllegalStateException: Sink topic"));
        assertEquals("10.244.1.5:6122", exceptions.entries().get(0).endpoint());
    }

    @Test
    void checkpointStatsTellTheLatestCompletedAndRestoredSnapshots() {
        jobManager.answerWith("GET", "/jobs/" + JOB + "/checkpoints", "checkpoints-1.20.json");
        CheckpointStats stats = client.checkpointStats(JOB);
        assertEquals(new CheckpointStats.Counts(1, 14, 1, 12, 1), stats.counts());
        assertEquals(new CheckpointStats.Completed(15,
                "s3://flink-state/checkpoints/0f4c7e2b1d9a4e6f8c3b5a7d9e1f2a3b/chk-15", 1739894400000L,
                1739894400074L, false), stats.latest().completed());
        assertTrue(stats.latest().savepoint().savepoint());
        assertEquals("Checkpoint expired before completing.", stats.latest().failed().failureMessage());
        assertEquals(new CheckpointStats.Restored(2, 1739890800700L, true,
                "s3://flink-state/savepoints/savepoint-5d2a1b-77c0e4f18a3d"), stats.latest().restored());
    }

    @Test
    void aCheckpointIsFoundByItsIdWhileFlinkStillListsIt() {
        jobManager.answerWith("GET", "/jobs/" + JOB + "/checkpoints", "checkpoints-history-1.20.json");
        CheckpointStats stats = client.checkpointStats(JOB);
        assertEquals(java.util.Optional.of("file:/flink-data/checkpoints/0f4c/chk-3"), stats.externalPath(3));
        assertEquals(java.util.Optional.empty(), stats.externalPath(2), "discarded: subsumed by chk-3");
        assertEquals(java.util.Optional.empty(), stats.externalPath(1), "failed: no path");
        assertEquals(java.util.Optional.empty(), stats.externalPath(9), "not listed (any more)");
    }

    @Test
    void checkpointStatsBeforeTheFirstCheckpointHaveNoLatest() {
        jobManager.answerWith("GET", "/jobs/" + JOB + "/checkpoints", "checkpoints-none-yet.json");
        CheckpointStats stats = client.checkpointStats(JOB);
        assertEquals(0, stats.counts().completed());
        assertNull(stats.latest().completed());
        assertNull(stats.latest().restored());
    }

    @Test
    void vertexMetricsAskForTheNamedMetricsAndAggregatesAndAreKeyedByName() {
        String vertex = "cbc357ccb763df2852fee8c4fc7d55f2";
        String path = "/jobs/" + JOB + "/vertices/" + vertex + "/subtasks/metrics"
                + "?get=numRecordsInPerSecond,Source__Custom%20Source.backPressuredTimeMsPerSecond&agg=min,max,avg,sum";
        jobManager.answer("GET", path, 200, "[{\"id\":\"numRecordsInPerSecond\",\"min\":10.0,\"max\":30.5,"
                + "\"avg\":20.25,\"sum\":40.5},{\"id\":\"Source__Custom Source.backPressuredTimeMsPerSecond\","
                + "\"min\":0.0,\"max\":0.0,\"avg\":0.0,\"sum\":0.0}]");

        Map<String, AggregatedMetric> metrics = client.vertexMetrics(JOB, vertex,
                List.of("numRecordsInPerSecond", "Source__Custom Source.backPressuredTimeMsPerSecond"));

        assertEquals(path, jobManager.lastReceived().pathAndQuery());
        assertEquals(new AggregatedMetric("numRecordsInPerSecond", 10.0, 30.5, 20.25, 40.5),
                metrics.get("numRecordsInPerSecond"));
        assertEquals(0.0, metrics.get("Source__Custom Source.backPressuredTimeMsPerSecond").max());
    }

    @Test
    void vertexMetricsTheVertexDoesNotHaveAreAbsent() {
        jobManager.answer("GET", "/jobs/" + JOB + "/vertices/v1/subtasks/metrics?get=nope&agg=min,max,avg,sum", 200,
                "[]");
        assertFalse(client.vertexMetrics(JOB, "v1", List.of("nope")).containsKey("nope"));
    }

    @Test
    void aMetricFlinkCannotComputeIsNotANumber() {
        jobManager.answer("GET", "/jobs/" + JOB + "/vertices/v1/subtasks/metrics?get=busyTimeMsPerSecond"
                + "&agg=min,max,avg,sum", 200, "[{\"id\":\"busyTimeMsPerSecond\",\"min\":\"NaN\",\"max\":\"NaN\","
                + "\"avg\":\"NaN\",\"sum\":\"NaN\"}]");
        assertTrue(client.vertexMetrics(JOB, "v1", List.of("busyTimeMsPerSecond")).get("busyTimeMsPerSecond").avg()
                .isNaN());
    }

    @Test
    void askingForNoMetricsAsksFlinkNothing() {
        assertEquals(Map.of(), client.vertexMetrics(JOB, "v1", List.of()));
        assertTrue(jobManager.received().isEmpty());
    }

    @Test
    void resourceRequirementsAreParallelismBoundsByVertex() {
        jobManager.answer("GET", "/jobs/" + JOB + "/resource-requirements", 200,
                "{\"cbc357ccb763df2852fee8c4fc7d55f2\":{\"parallelism\":{\"lowerBound\":1,\"upperBound\":4}},"
                        + "\"90bea66de1c231edf33913ecd54406c1\":"
                        + "{\"parallelism\":{\"lowerBound\":2,\"upperBound\":2}}}");
        assertEquals(Map.of("cbc357ccb763df2852fee8c4fc7d55f2", new ParallelismBounds(1, 4),
                        "90bea66de1c231edf33913ecd54406c1", new ParallelismBounds(2, 2)),
                client.resourceRequirements(JOB));
    }
}
