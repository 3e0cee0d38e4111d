package dev.flinkoperator.flink;

import dev.flinkoperator.flink.FlinkRestException.Failure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FlinkRestClient} for reconciler tests, talking to a {@link FakeJobManager} in memory. Switches make every
 * call go unanswered or refused; {@link #calls()} lists what was asked. Several clients may share one JobManager, as
 * clients made on successive reconciliations do.
 */
public class FakeFlinkRestClient implements FlinkRestClient {
    public static final String FLINK_VERSION = "1.20.1";

    private final FakeJobManager jobManager;
    private final List<String> calls = new ArrayList<>();
    private Failure noAnswer;
    private FlinkRestException refusal;

    public FakeFlinkRestClient() {
        this(new FakeJobManager());
    }

    public FakeFlinkRestClient(FakeJobManager jobManager) {
        this.jobManager = jobManager;
    }

    public FakeJobManager jobManager() {
        return jobManager;
    }

    /** Every call fails as if the JobManager were down ({@code UNREACHABLE}) or hung ({@code TIMED_OUT}). */
    public FakeFlinkRestClient noAnswer(Failure how) {
        this.noAnswer = how;
        return this;
    }

    /** Every call is refused with this HTTP status and Flink error text. */
    public FakeFlinkRestClient refuseEverything(int status, String flinkError) {
        this.refusal = FlinkRestException.rejected("ANY", "/", status, List.of(flinkError));
        return this;
    }

    public FakeFlinkRestClient answerAgain() {
        noAnswer = null;
        refusal = null;
        return this;
    }

    /** Method and path of every call, e.g. "POST /jobs/:id/savepoints", in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public DashboardConfig dashboardConfig() {
        receive("GET", "/config");
        return new DashboardConfig(FLINK_VERSION, "fake @ 2026-01-01T00:00:00+00:00");
    }

    @Override
    public ClusterOverview overview() {
        receive("GET", "/overview");
        List<FakeJob> jobs = jobManager.jobs();
        int slots = jobManager.taskManagers * jobManager.slotsPerTaskManager;
        int used = jobs.stream().filter(j -> !j.state.isGloballyTerminal()).mapToInt(j -> j.parallelism).sum();
        return new ClusterOverview(jobManager.taskManagers, slots, Math.max(0, slots - used),
                count(jobs, FlinkJobStatus.RUNNING), count(jobs, FlinkJobStatus.FINISHED),
                count(jobs, FlinkJobStatus.CANCELED), count(jobs, FlinkJobStatus.FAILED), FLINK_VERSION, "fake");
    }

    @Override
    public List<JobOverview> jobs() {
        receive("GET", "/jobs/overview");
        return jobManager.jobs().stream()
                .map(j -> new JobOverview(j.id, j.name, j.state, j.startTime, j.endTime, j.lastModification,
                        new JobOverview.Tasks(j.parallelism, j.state == FlinkJobStatus.RUNNING && j.tasksRunning
                                ? j.parallelism : 0, 0))).toList();
    }

    @Override
    public JobDetails job(String jobId) {
        FakeJob job = jobCall("GET", "/jobs/:id", jobId);
        return new JobDetails(job.id, job.name, job.state, job.startTime, job.endTime,
                jobManager.now() - job.startTime, 128, Map.of(job.state.name(), job.startTime),
                List.of(new JobDetails.Vertex(job.vertexId(), "Source -> Sink", job.parallelism, 128,
                        job.state.name())));
    }

    @Override
    public JobExceptions jobExceptions(String jobId) {
        FakeJob job = jobCall("GET", "/jobs/:id/exceptions", jobId);
        return new JobExceptions(null, null, new JobExceptions.History(job.exceptions, false));
    }

    @Override
    public String uploadJar(Path jar) {
        receive("POST", "/jars/upload");
        return jobManager.upload(new JarUploadBody(jar).fileName());
    }

    @Override
    public JarRunResult runJar(String jarId, JarRunRequest request) {
        receive("POST", "/jars/:jarid/run");
        return new JarRunResult(jobManager.run(jarId, request).id, null);
    }

    @Override
    public void cancelJob(String jobId) {
        jobCall("PATCH", "/jobs/:id?mode=cancel", jobId).end(FlinkJobStatus.CANCELED, jobManager.now());
    }

    @Override
    public String triggerSavepoint(String jobId, SavepointRequest request) {
        FakeJob job = jobCall("POST", "/jobs/:id/savepoints", jobId);
        return jobManager.savepoint(job, request.triggerId(), request.targetDirectory(),
                request.cancelJob() ? FlinkJobStatus.CANCELED : null);
    }

    @Override
    public String stopWithSavepoint(String jobId, StopWithSavepointRequest request) {
        FakeJob job = jobCall("POST", "/jobs/:id/stop", jobId);
        return jobManager.savepoint(job, request.triggerId(), request.targetDirectory(), FlinkJobStatus.FINISHED);
    }

    @Override
    public OperationStatus savepointStatus(String jobId, String triggerId) {
        jobCall("GET", "/jobs/:id/savepoints/:triggerid", jobId);
        return jobManager.poll(triggerId, "GET", "/jobs/" + jobId + "/savepoints/" + triggerId);
    }

    @Override
    public String triggerCheckpoint(String jobId, CheckpointRequest request) {
        return jobManager.checkpoint(jobCall("POST", "/jobs/:id/checkpoints", jobId), request.triggerId());
    }

    @Override
    public OperationStatus checkpointStatus(String jobId, String triggerId) {
        jobCall("GET", "/jobs/:id/checkpoints/:triggerid", jobId);
        return jobManager.poll(triggerId, "GET", "/jobs/" + jobId + "/checkpoints/" + triggerId);
    }

    @Override
    public CheckpointStats checkpointStats(String jobId) {
        FakeJob job = jobCall("GET", "/jobs/:id/checkpoints", jobId);
        CheckpointStats.Completed latest = job.checkpoints == 0 ? null : new CheckpointStats.Completed(
                job.checkpoints, job.checkpointPath(), jobManager.now(), jobManager.now(), false);
        CheckpointStats.Restored restored = job.restoredFrom == null ? null
                : new CheckpointStats.Restored(0, job.startTime, job.restoredFromSavepoint, job.restoredFrom);
        return new CheckpointStats(new CheckpointStats.Counts(restored == null ? 0 : 1, job.checkpoints, 0,
                job.checkpoints, 0), new CheckpointStats.Latest(latest, null, null, restored));
    }

    @Override
    public String disposeSavepoint(String savepointPath) {
        receive("POST", "/savepoint-disposal");
        return jobManager.dispose(savepointPath);
    }

    @Override
    public OperationStatus disposalStatus(String triggerId) {
        receive("GET", "/savepoint-disposal/:triggerid");
        return jobManager.poll(triggerId, "GET", "/savepoint-disposal/" + triggerId);
    }

    @Override
    public Map<String, AggregatedMetric> vertexMetrics(String jobId, String vertexId, List<String> metricNames) {
        FakeJob job = jobCall("GET", "/jobs/:id/vertices/:vid/subtasks/metrics", jobId);
        Map<String, AggregatedMetric> found = new LinkedHashMap<>();
        metricNames.stream().filter(job.metrics::containsKey).forEach(n -> found.put(n, job.metrics.get(n)));
        return found;
    }

    @Override
    public Map<String, ParallelismBounds> resourceRequirements(String jobId) {
        FakeJob job = runningJobCall("GET", "/jobs/:id/resource-requirements", jobId);
        return Map.of(job.vertexId(), new ParallelismBounds(1, job.parallelism));
    }

    /** As the adaptive scheduler does when slots suffice: the vertex runs at its upper bound. */
    @Override
    public void updateResourceRequirements(String jobId, Map<String, ParallelismBounds> requirements) {
        FakeJob job = runningJobCall("PUT", "/jobs/:id/resource-requirements", jobId);
        ParallelismBounds bounds = requirements.get(job.vertexId());
        if (bounds != null) {
            job.parallelism = bounds.upperBound();
        }
    }

    private void receive(String method, String path) {
        calls.add(method + " " + path);
        if (noAnswer != null) {
            throw FlinkRestException.noAnswer(noAnswer, method, path, "the fake JobManager is switched off", null);
        }
        if (refusal != null) {
            throw FlinkRestException.rejected(method, path, refusal.status(), refusal.flinkErrors());
        }
    }

    /** Only a running job has a JobMaster to answer resource requirements. */
    private FakeJob runningJobCall(String method, String path, String jobId) {
        FakeJob job = jobCall(method, path, jobId);
        if (job.state != FlinkJobStatus.RUNNING) {
            throw FlinkRestException.rejected(method, path.replace(":id", jobId), 404,
                    List.of("org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job ("
                            + jobId + ")"));
        }
        return job;
    }

    private FakeJob jobCall(String method, String path, String jobId) {
        receive(method, path);
        return jobManager.job(jobId, method, path.replace(":id", jobId));
    }

    private static int count(List<FakeJob> jobs, FlinkJobStatus state) {
        return (int) jobs.stream().filter(j -> j.state == state).count();
    }
}
