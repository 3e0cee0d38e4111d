package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /jars/:jarid/run}'s answer. Flink 2.3 adds the application's id; older versions leave it null. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record JarRunResult(
        @JsonProperty("jobid") String jobId,
        @JsonProperty("applicationId") String applicationId) {
}
