package dev.flinkoperator.crd.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One completed checkpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Checkpoint {
    @JsonPropertyDescription("When the checkpoint completed, epoch milliseconds.")
    public Long timeStamp;

    @JsonPropertyDescription("Why it was taken: MANUAL, PERIODIC, UPGRADE or UNKNOWN.")
    public SnapshotTriggerType triggerType;

    @JsonPropertyDescription("Checkpoint type: FULL or INCREMENTAL.")
    public CheckpointType formatType;

    @JsonPropertyDescription("checkpointTriggerNonce that requested it, for manual checkpoints.")
    public Long triggerNonce;
}
