package dev.flinkoperator.crd.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Observed state of a snapshot. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FlinkStateSnapshotStatus {
    @JsonPropertyDescription("Last error of the snapshot.")
    public String error;

    @JsonPropertyDescription("Number of failed attempts.")
    public Integer failures;

    @JsonPropertyDescription("Location of the completed snapshot.")
    public String path;

    @JsonPropertyDescription("When the snapshot completed (ISO-8601).")
    public String resultTimestamp;

    @JsonPropertyDescription("TRIGGER_PENDING, IN_PROGRESS, COMPLETED, FAILED or ABANDONED.")
    public SnapshotState state;

    @JsonPropertyDescription("Flink's trigger id of the snapshot operation.")
    public String triggerId;

    @JsonPropertyDescription("When the snapshot was triggered (ISO-8601).")
    public String triggerTimestamp;

    /** Progress of a snapshot. */
    public enum SnapshotState { ABANDONED, COMPLETED, FAILED, IN_PROGRESS, TRIGGER_PENDING }
}
