package dev.flinkoperator.crd.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.flinkoperator.crd.spec.FlinkStateSnapshotSpec.SavepointFormatType;
import java.util.ArrayList;
import java.util.List;

/** Savepoint bookkeeping: the one in flight, the last one, and the history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SavepointInfo {
    @JsonPropertyDescription("Most recent completed savepoint.")
    public Savepoint lastSavepoint;

    @JsonPropertyDescription("Flink trigger id of the savepoint in progress.")
    public String triggerId;

    @JsonPropertyDescription("When the savepoint in progress was triggered, epoch milliseconds.")
    public Long triggerTimestamp;

    @JsonPropertyDescription("Why the savepoint in progress was triggered.")
    public SnapshotTriggerType triggerType;

    @JsonPropertyDescription("Format of the savepoint in progress.")
    public SavepointFormatType formatType;

    @JsonPropertyDescription("Completed savepoints, oldest first.")
    public List<Savepoint> savepointHistory = new ArrayList<>();

    @JsonPropertyDescription("Savepoint of the history being disposed (its files deleted through Flink).")
    public String disposingPath;

    @JsonPropertyDescription("Flink trigger id of that disposal.")
    public String disposalTriggerId;

    @JsonPropertyDescription("When the last periodic savepoint was triggered, epoch milliseconds.")
    public Long lastPeriodicSavepointTimestamp;
}
