package dev.flinkoperator.crd.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.flinkoperator.crd.spec.FlinkStateSnapshotSpec.SavepointFormatType;

/** One completed savepoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Savepoint {
    @JsonPropertyDescription("When the savepoint completed, epoch milliseconds.")
    public Long timeStamp;

    @JsonPropertyDescription("Savepoint path.")
    public String location;

    @JsonPropertyDescription("Why it was taken: MANUAL, PERIODIC, UPGRADE or UNKNOWN.")
    public SnapshotTriggerType triggerType;

    @JsonPropertyDescription("Savepoint format.")
    public SavepointFormatType formatType;

    @JsonPropertyDescription("savepointTriggerNonce that requested it, for manual savepoints.")
    public Long triggerNonce;
}
