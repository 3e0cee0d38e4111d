package dev.flinkoperator.crd.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Checkpoint bookkeeping for operator-triggered checkpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckpointInfo {
    @JsonPropertyDescription("Most recent operator-triggered checkpoint that completed.")
    public Checkpoint lastCheckpoint;

    @JsonPropertyDescription("Flink trigger id of the checkpoint in progress.")
    public String triggerId;

    @JsonPropertyDescription("When the checkpoint in progress was triggered, epoch milliseconds.")
    public Long triggerTimestamp;

    @JsonPropertyDescription("Why the checkpoint in progress was triggered.")
    public SnapshotTriggerType triggerType;

    @JsonPropertyDescription("Type of the checkpoint in progress.")
    public CheckpointType formatType;

    @JsonPropertyDescription("When the last periodic checkpoint was triggered, epoch milliseconds.")
    public Long lastPeriodicCheckpointTimestamp;
}
