package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /jobs/:jobid/stop}. Unlike the savepoint trigger, Flink spells these fields in camel case.
 * drain sends MAX_WATERMARK first, ending event-time windows (for a final stop, not an upgrade).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StopWithSavepointRequest(
        @JsonProperty("targetDirectory") String targetDirectory,
        @JsonProperty("drain") boolean drain,
        @JsonProperty("formatType") SnapshotFormat formatType,
        @JsonProperty("triggerId") String triggerId) {
}
