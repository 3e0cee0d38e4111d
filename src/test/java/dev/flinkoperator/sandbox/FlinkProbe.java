package dev.flinkoperator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** What the tests ask Flink itself, at the address its REST Service shows (as the operator finds it here). */
final class FlinkProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final KubernetesClient client;

    FlinkProbe(KubernetesClient client) {
        this.client = client;
    }

    /** GET {@code path} on the cluster's REST API; null while it does not answer 200. */
    JsonNode get(String cluster, String path) {
        Optional<URI> rest = SandboxFlinkIT.restAddress(client, cluster);
        if (rest.isEmpty()) {
            return null;
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(rest.get() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException notYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The job's details, null when the cluster does not answer or does not know it. */
    JsonNode job(String cluster, String jobId) {
        return get(cluster, "/jobs/" + jobId);
    }

    /** The cluster runs this job with every task running (Flink says RUNNING before its tasks are deployed). */
    boolean running(String cluster, String jobId) {
        return allRunning(job(cluster, jobId));
    }

    /** These job details say RUNNING with every task running. */
    static boolean allRunning(JsonNode job) {
        if (job == null || !"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** The snapshot the job started from, as Flink reports it ({@code latest.restored}); null for none. */
    JsonNode restored(String cluster, String jobId) {
        JsonNode stats = get(cluster, "/jobs/" + jobId + "/checkpoints");
        JsonNode restored = stats == null ? null : stats.path("latest").path("restored");
        return restored == null || restored.isMissingNode() || restored.isNull() ? null : restored;
    }

    /** Completed checkpoints of the job so far. */
    long completedCheckpoints(String cluster, String jobId) {
        JsonNode stats = get(cluster, "/jobs/" + jobId + "/checkpoints");
        return stats == null ? 0 : stats.path("counts").path("completed").asLong();
    }
}
