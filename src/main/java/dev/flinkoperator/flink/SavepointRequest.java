package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /jobs/:jobid/savepoints}. A null targetDirectory uses the cluster's
 * {@code state.savepoints.dir}. triggerId (optional, see {@link FlinkRestClient#newTriggerId()}) makes the trigger
 * idempotent: sending it again returns the same operation instead of starting a second savepoint.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SavepointRequest(
        @JsonProperty("target-directory") String targetDirectory,
        @JsonProperty("cancel-job") boolean cancelJob,
        @JsonProperty("formatType") SnapshotFormat formatType,
        @JsonProperty("triggerId") String triggerId) {
}
