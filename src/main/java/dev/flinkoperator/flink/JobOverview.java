package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One entry of {@code GET /jobs/overview}. Times are epoch milliseconds; endTime is -1 while the job runs. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobOverview(
        @JsonProperty("jid") String jobId,
        @JsonProperty("name") String name,
        @JsonProperty("state") FlinkJobStatus state,
        @JsonProperty("start-time") long startTime,
        @JsonProperty("end-time") long endTime,
        @JsonProperty("last-modification") long lastModification) {
}
