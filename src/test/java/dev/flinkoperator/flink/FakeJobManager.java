package dev.flinkoperator.flink;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The state behind {@link FakeFlinkRestClient}: jobs, uploaded jars, savepoints and checkpoints in storage, and
 * asynchronous operations. Jobs run as soon as they are submitted. An operation completes on the first status poll
 * after its trigger (or later, see {@link #answerInProgressFor}) with the effect real Flink has: a stopped job is
 * FINISHED, a savepoint exists until disposed.
 */
public class FakeJobManager {
    private final Clock clock;
    private final Map<String, FakeJob> jobs = new LinkedHashMap<>();
    private final Set<String> jars = new LinkedHashSet<>();
    private final Set<String> savepoints = new LinkedHashSet<>();
    private final Set<String> checkpoints = new LinkedHashSet<>();
    private final Map<String, FakeOperation> operations = new HashMap<>();
    private String savepointFailure;
    private int inProgressPolls;
    private int snapshotsTaken;
    int taskManagers = 1;
    int slotsPerTaskManager = 2;

    public FakeJobManager() {
        this(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    public FakeJobManager(Clock clock) {
        this.clock = clock;
    }

    // ---- set-up and inspection for tests ----

    /** Savepoints (and stops) triggered from now on fail with this cause; null to let them succeed again. */
    public FakeJobManager failSavepoints(String cause) {
        this.savepointFailure = cause;
        return this;
    }

    /** Operations triggered from now on answer IN_PROGRESS to this many polls before they complete. */
    public FakeJobManager answerInProgressFor(int polls) {
        this.inProgressPolls = polls;
        return this;
    }

    public FakeJobManager taskManagers(int count, int slotsEach) {
        this.taskManagers = count;
        this.slotsPerTaskManager = slotsEach;
        return this;
    }

    /** A job that is already there, as after an operator restart; returns its id. */
    public String addJob(String name, FlinkJobStatus state, int parallelism) {
        FakeJob job = new FakeJob(FlinkRestClient.newTriggerId(), name, parallelism, clock.millis(), null);
        job.state = state;
        jobs.put(job.id, job);
        return job.id;
    }

    /**
     * What an application cluster's entrypoint does: runs its job under the configured id, from the configured
     * snapshot (which must exist, as in Flink).
     */
    public void startApplicationJob(String jobId, String restoreFrom) {
        if (restoreFrom != null && !savepoints.contains(restoreFrom) && !checkpoints.contains(restoreFrom)) {
            throw new IllegalStateException("no snapshot at " + restoreFrom);
        }
        FakeJob job = new FakeJob(jobId, "application", 1, clock.millis(), restoreFrom);
        job.restoredFromSavepoint = savepoints.contains(restoreFrom);
        job.state = FlinkJobStatus.RUNNING;
        jobs.put(jobId, job);
    }

    /** The snapshot the job started from, or null for an empty start. */
    public String restoredFrom(String jobId) {
        return known(jobId).restoredFrom;
    }

    public FlinkJobStatus jobState(String jobId) {
        return known(jobId).state;
    }

    /** The job's tasks start (or stop) running; a task changing state moves the job's last-modification on. */
    public void setTasksRunning(String jobId, boolean running) {
        FakeJob job = known(jobId);
        job.tasksRunning = running;
        job.lastModification = clock.millis();
    }

    public int parallelism(String jobId) {
        return known(jobId).parallelism;
    }

    public void setJobState(String jobId, FlinkJobStatus state) {
        known(jobId).changeState(state, clock.millis());
    }

    /** The job fails with this exception, as a task's failure would make it. */
    public void failJob(String jobId, String exceptionName, String stackTrace) {
        FakeJob job = known(jobId);
        job.end(FlinkJobStatus.FAILED, clock.millis());
        job.exceptions.add(0, new JobExceptions.Entry(exceptionName, stackTrace, clock.millis(), null, null, null,
                Map.of()));
    }

    /** A savepoint that exists in storage, e.g. a spec's initial savepoint; returns the path. */
    public String addSavepoint(String path) {
        savepoints.add(path);
        return path;
    }

    /** The job completes a (periodic) checkpoint; returns its path, which a new job may start from. */
    public String completeCheckpoint(String jobId) {
        FakeJob job = known(jobId);
        job.checkpoints++;
        checkpoints.add(job.checkpointPath());
        return job.checkpointPath();
    }

    public void putVertexMetric(String jobId, AggregatedMetric metric) {
        known(jobId).metrics.put(metric.id(), metric);
    }

    public Set<String> savepointPaths() {
        return Set.copyOf(savepoints);
    }

    // ---- what the fake client asks of it ----

    long now() {
        return clock.millis();
    }

    List<FakeJob> jobs() {
        return List.copyOf(jobs.values());
    }

    /** The job, or Flink's 404 for the call that named it. */
    FakeJob job(String jobId, String method, String path) {
        FakeJob job = jobs.get(jobId);
        if (job == null) {
            throw FlinkRestException.rejected(method, path, 404,
                    List.of("org.apache.flink.runtime.rest.NotFoundException: Job " + jobId + " not found"));
        }
        return job;
    }

    String upload(String fileName) {
        String jarId = FlinkRestClient.newTriggerId() + "_" + fileName;
        jars.add(jarId);
        return jarId;
    }

    FakeJob run(String jarId, JarRunRequest request) {
        String path = "/jars/" + jarId + "/run";
        if (!jars.contains(jarId)) {
            throw FlinkRestException.rejected("POST", path, 400, List.of("org.apache.flink.runtime.rest.handler"
                    + ".RestHandlerException: Jar file /tmp/flink-web-upload/" + jarId + " does not exist"));
        }
        String id = request.jobId() == null ? FlinkRestClient.newTriggerId() : request.jobId();
        if (jobs.containsKey(id) && !jobs.get(id).state.isGloballyTerminal()) {
            throw FlinkRestException.rejected("POST", path, 500, List.of("org.apache.flink.runtime.client"
                    + ".DuplicateJobSubmissionException: Job has already been submitted."));
        }
        String restoreFrom = request.savepointPath();
        if (restoreFrom != null && !savepoints.contains(restoreFrom) && !checkpoints.contains(restoreFrom)) {
            throw FlinkRestException.rejected("POST", path, 400, List.of("java.io.FileNotFoundException: Cannot "
                    + "find meta data file '_metadata' in directory '" + restoreFrom + "'."));
        }
        FakeJob job = new FakeJob(id, request.entryClass(), request.parallelism() == null ? 1 : request.parallelism(),
                clock.millis(), restoreFrom);
        job.restoredFromSavepoint = savepoints.contains(restoreFrom);
        jobs.put(id, job);
        return job;
    }

    /** Starts a savepoint; the job ends in {@code endState} (null: keeps running) once it is taken. */
    String savepoint(FakeJob job, String triggerId, String targetDirectory, FlinkJobStatus endState) {
        String failure = savepointFailure;
        return start(triggerId, () -> {
            if (failure != null) {
                return OperationStatus.failed(failure);
            }
            if (job.state != FlinkJobStatus.RUNNING) {
                return OperationStatus.failed(job.notRunning());
            }
            String directory = targetDirectory == null ? "file:///flink-data/savepoints" : targetDirectory;
            String path = directory + "/savepoint-" + job.id.substring(0, 6) + "-" + (++snapshotsTaken);
            savepoints.add(path);
            if (endState != null) {
                job.end(endState, clock.millis());
            }
            return OperationStatus.completed(path, null);
        });
    }

    String checkpoint(FakeJob job, String triggerId) {
        return start(triggerId, () -> {
            if (job.state != FlinkJobStatus.RUNNING) {
                return OperationStatus.failed(job.notRunning());
            }
            completeCheckpoint(job.id);
            return OperationStatus.completed(null, (long) job.checkpoints);
        });
    }

    String dispose(String savepointPath) {
        return start(null, () -> savepoints.remove(savepointPath) ? OperationStatus.completed(null, null)
                : OperationStatus.failed("java.io.FileNotFoundException: Cannot find meta data file '_metadata' in "
                        + "directory '" + savepointPath + "'."));
    }

    /** A trigger id Flink knows starts nothing new, as in Flink. */
    private String start(String requestedTriggerId, Supplier<OperationStatus> outcome) {
        String triggerId = requestedTriggerId == null ? FlinkRestClient.newTriggerId() : requestedTriggerId;
        operations.putIfAbsent(triggerId, new FakeOperation(outcome, inProgressPolls));
        return triggerId;
    }

    OperationStatus poll(String triggerId, String method, String path) {
        FakeOperation operation = operations.get(triggerId);
        if (operation == null) {
            throw FlinkRestException.rejected(method, path, 404, List.of("org.apache.flink.runtime.rest"
                    + ".NotFoundException: Operation not found under key: " + triggerId));
        }
        return operation.poll();
    }

    private FakeJob known(String jobId) {
        FakeJob job = jobs.get(jobId);
        if (job == null) {
            throw new IllegalArgumentException("the fake JobManager has no job " + jobId);
        }
        return job;
    }
}
