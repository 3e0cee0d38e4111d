package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The parallelism range the adaptive scheduler may run a vertex at; Flink checks the bounds when they are set. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ParallelismBounds(
        @JsonProperty("lowerBound") int lowerBound,
        @JsonProperty("upperBound") int upperBound) {
}
