package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One metric aggregated over a vertex's subtasks; an aggregate not asked for is null. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AggregatedMetric(
        @JsonProperty("id") String id,
        @JsonProperty("min") Double min,
        @JsonProperty("max") Double max,
        @JsonProperty("avg") Double avg,
        @JsonProperty("sum") Double sum) {
}
