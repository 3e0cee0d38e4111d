package dev.flinkoperator.flink;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The operator's view of one JobManager's REST API. Every call is bounded by the client's timeout and throws
 * {@link FlinkRestException} when Flink refuses it or does not answer.
 *
 * <p>Savepoints, stops, checkpoints and disposals run asynchronously in Flink: their trigger returns a trigger id at
 * once, and a status call tells how the operation is doing. Nothing here waits or polls; the reconciler records the
 * trigger id in the resource's status and asks again on a later pass.
 */
public interface FlinkRestClient {
    /** {@code GET /config}: the Flink version and revision. */
    DashboardConfig dashboardConfig();

    /** {@code GET /overview}: TaskManagers, slots and job counts. */
    ClusterOverview overview();

    /** {@code GET /jobs/overview}: every job the cluster knows, running or ended. */
    List<JobOverview> jobs();

    /** {@code GET /jobs/:jobid}. */
    JobDetails job(String jobId);

    /** {@code GET /jobs/:jobid/exceptions}. */
    JobExceptions jobExceptions(String jobId);

    /**
     * {@code POST /jars/upload}; returns the jar id that {@link #runJar} takes.
     *
     * @throws java.io.UncheckedIOException when there is no file at {@code jar}
     */
    String uploadJar(Path jar);

    /** {@code POST /jars/:jarid/run}: runs the jar's main method, which submits the job. */
    JarRunResult runJar(String jarId, JarRunRequest request);

    /** {@code PATCH /jobs/:jobid?mode=cancel}: cancels without a savepoint; returns before the job has ended. */
    void cancelJob(String jobId);

    /** {@code POST /jobs/:jobid/savepoints}; returns the trigger id for {@link #savepointStatus}. */
    String triggerSavepoint(String jobId, SavepointRequest request);

    /** {@code POST /jobs/:jobid/stop}; returns the trigger id for {@link #savepointStatus}. */
    String stopWithSavepoint(String jobId, StopWithSavepointRequest request);

    /** {@code GET /jobs/:jobid/savepoints/:triggerid}, for savepoints and stops; location is the savepoint's path. */
    OperationStatus savepointStatus(String jobId, String triggerId);

    /** {@code POST /jobs/:jobid/checkpoints}; returns the trigger id for {@link #checkpointStatus}. */
    String triggerCheckpoint(String jobId, CheckpointRequest request);

    /** {@code GET /jobs/:jobid/checkpoints/:triggerid}; a completed one carries the checkpoint id. */
    OperationStatus checkpointStatus(String jobId, String triggerId);

    /** {@code GET /jobs/:jobid/checkpoints}: counts and the latest completed, failed and restored checkpoints. */
    CheckpointStats checkpointStats(String jobId);

    /** {@code POST /savepoint-disposal}: deletes a savepoint's files; returns the trigger id. */
    String disposeSavepoint(String savepointPath);

    /** {@code GET /savepoint-disposal/:triggerid}. */
    OperationStatus disposalStatus(String triggerId);

    /**
     * {@code GET /jobs/:jobid/vertices/:vertexid/subtasks/metrics}: min, max, avg and sum over the vertex's subtasks,
     * keyed by metric name. Metrics the vertex does not have are absent.
     */
    Map<String, AggregatedMetric> vertexMetrics(String jobId, String vertexId, List<String> metricNames);

    /** {@code GET /jobs/:jobid/resource-requirements}: parallelism bounds by vertex id. */
    Map<String, ParallelismBounds> resourceRequirements(String jobId);

    /**
     * {@code PUT /jobs/:jobid/resource-requirements}: rescales in place; Flink accepts it only for jobs run by the
     * adaptive scheduler.
     */
    void updateResourceRequirements(String jobId, Map<String, ParallelismBounds> requirements);

    /**
     * A fresh trigger id in Flink's format (32 hex digits). Recording it before triggering makes a retried trigger
     * safe: Flink answers a trigger id it knows with the operation already under way (for as long as it keeps
     * finished operations, {@code rest.async.store-duration}).
     */
    static String newTriggerId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
