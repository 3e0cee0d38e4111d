package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /jobs/:jobid}: one job with its vertices. {@code timestamps} maps each state to when the job entered it
 * (0 for states it never had).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobDetails(
        @JsonProperty("jid") String jobId,
        @JsonProperty("name") String name,
        @JsonProperty("state") FlinkJobStatus state,
        @JsonProperty("start-time") long startTime,
        @JsonProperty("end-time") long endTime,
        @JsonProperty("duration") long duration,
        @JsonProperty("maxParallelism") int maxParallelism,
        @JsonProperty("timestamps") Map<String, Long> timestamps,
        @JsonProperty("vertices") List<Vertex> vertices) {

    public JobDetails {
        timestamps = timestamps == null ? Map.of() : Map.copyOf(timestamps);
        vertices = vertices == null ? List.of() : List.copyOf(vertices);
    }

    /** One operator chain of the job graph; its id is what metrics and resource requirements are keyed by. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Vertex(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("parallelism") int parallelism,
            @JsonProperty("maxParallelism") int maxParallelism,
            @JsonProperty("status") String status) {
    }
}
