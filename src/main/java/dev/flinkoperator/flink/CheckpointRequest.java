package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /jobs/:jobid/checkpoints} (Flink 1.17+); triggerId as in {@link SavepointRequest}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointRequest(
        @JsonProperty("checkpointType") CheckpointKind checkpointType,
        @JsonProperty("triggerId") String triggerId) {
}
