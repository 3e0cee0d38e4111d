package dev.flinkoperator.flink;

import com.fasterxml.jackson.databind.JavaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@link FlinkRestClient} over HTTP, with the JDK's client and Jackson; no Flink classes involved. */
final class HttpFlinkRestClient implements FlinkRestClient {
    // Every aggregate Flink 1.x and 2.x both know; "skew" is newer.
    private static final String AGGREGATES = "min,max,avg,sum";

    private final FlinkHttp http;

    HttpFlinkRestClient(FlinkHttp http) {
        this.http = http;
    }

    @Override
    public DashboardConfig dashboardConfig() {
        return get("/config", type(DashboardConfig.class));
    }

    @Override
    public ClusterOverview overview() {
        return get("/overview", type(ClusterOverview.class));
    }

    @Override
    public List<JobOverview> jobs() {
        FlinkAnswers.JobsOverview answer = get("/jobs/overview", type(FlinkAnswers.JobsOverview.class));
        return answer.jobs() == null ? List.of() : List.copyOf(answer.jobs());
    }

    @Override
    public JobDetails job(String jobId) {
        return get(jobPath(jobId, ""), type(JobDetails.class));
    }

    @Override
    public JobExceptions jobExceptions(String jobId) {
        return get(jobPath(jobId, "/exceptions"), type(JobExceptions.class));
    }

    @Override
    public String uploadJar(Path jar) {
        JarUploadBody body = new JarUploadBody(jar);
        FlinkAnswers.JarUpload answer = http.call("POST", "/jars/upload", body.publisher(), body.contentType(),
                type(FlinkAnswers.JarUpload.class));
        String filename = answer.filename();
        if (filename == null || filename.isBlank()) {
            throw FlinkRestException.unreadable("POST", "/jars/upload", "an upload answer without a filename");
        }
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    @Override
    public JarRunResult runJar(String jarId, JarRunRequest request) {
        return http.call("POST", "/jars/" + segment(jarId) + "/run", request, type(JarRunResult.class));
    }

    @Override
    public void cancelJob(String jobId) {
        http.call("PATCH", jobPath(jobId, "?mode=cancel"), null, null);
    }

    @Override
    public String triggerSavepoint(String jobId, SavepointRequest request) {
        return trigger(jobPath(jobId, "/savepoints"), request);
    }

    @Override
    public String stopWithSavepoint(String jobId, StopWithSavepointRequest request) {
        return trigger(jobPath(jobId, "/stop"), request);
    }

    @Override
    public OperationStatus savepointStatus(String jobId, String triggerId) {
        return status(jobPath(jobId, "/savepoints/" + segment(triggerId)));
    }

    @Override
    public String triggerCheckpoint(String jobId, CheckpointRequest request) {
        return trigger(jobPath(jobId, "/checkpoints"), request);
    }

    @Override
    public OperationStatus checkpointStatus(String jobId, String triggerId) {
        return status(jobPath(jobId, "/checkpoints/" + segment(triggerId)));
    }

    @Override
    public CheckpointStats checkpointStats(String jobId) {
        return get(jobPath(jobId, "/checkpoints"), type(CheckpointStats.class));
    }

    @Override
    public String disposeSavepoint(String savepointPath) {
        return trigger("/savepoint-disposal", Map.of("savepoint-path", savepointPath));
    }

    @Override
    public OperationStatus disposalStatus(String triggerId) {
        return status("/savepoint-disposal/" + segment(triggerId));
    }

    @Override
    public Map<String, AggregatedMetric> vertexMetrics(String jobId, String vertexId, List<String> metricNames) {
        if (metricNames.isEmpty()) {
            return Map.of(); // an empty "get" would list the vertex's metric names instead
        }
        String names = metricNames.stream().map(HttpFlinkRestClient::segment).collect(Collectors.joining(","));
        String path = jobPath(jobId, "/vertices/" + segment(vertexId) + "/subtasks/metrics?get=" + names + "&agg="
                + AGGREGATES);
        List<AggregatedMetric> metrics = get(path,
                http.json().getTypeFactory().constructCollectionType(List.class, AggregatedMetric.class));
        Map<String, AggregatedMetric> byName = new LinkedHashMap<>();
        metrics.forEach(m -> byName.put(m.id(), m));
        return byName;
    }

    @Override
    public Map<String, ParallelismBounds> resourceRequirements(String jobId) {
        Map<String, FlinkAnswers.VertexResources> answer = get(jobPath(jobId, "/resource-requirements"),
                http.json().getTypeFactory().constructMapType(LinkedHashMap.class, String.class,
                        FlinkAnswers.VertexResources.class));
        Map<String, ParallelismBounds> byVertex = new LinkedHashMap<>();
        answer.forEach((vertex, resources) -> byVertex.put(vertex, resources.parallelism()));
        return byVertex;
    }

    @Override
    public void updateResourceRequirements(String jobId, Map<String, ParallelismBounds> requirements) {
        Map<String, FlinkAnswers.VertexResources> body = new LinkedHashMap<>();
        requirements.forEach((vertex, bounds) -> body.put(vertex, new FlinkAnswers.VertexResources(bounds)));
        http.call("PUT", jobPath(jobId, "/resource-requirements"), body, null);
    }

    private <T> T get(String path, JavaType answer) {
        return http.call("GET", path, null, answer);
    }

    private String trigger(String path, Object request) {
        FlinkAnswers.Trigger answer = http.call("POST", path, request, type(FlinkAnswers.Trigger.class));
        if (answer.requestId() == null || answer.requestId().isBlank()) {
            throw FlinkRestException.unreadable("POST", path, "a trigger answer without a request-id");
        }
        return answer.requestId();
    }

    private OperationStatus status(String path) {
        FlinkAnswers.OperationState answer = get(path, type(FlinkAnswers.OperationState.class));
        return answer.toStatus();
    }

    private JavaType type(Class<?> answer) {
        return http.json().getTypeFactory().constructType(answer);
    }

    private static String jobPath(String jobId, String rest) {
        return "/jobs/" + segment(jobId) + rest;
    }

    /** Percent-encodes one path segment or query value; URLEncoder alone would turn spaces into '+'. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
