package dev.flinkoperator.crd.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The Flink job as last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobStatus {
    @JsonPropertyDescription("Name of the job.")
    public String jobName;

    @JsonPropertyDescription("Flink job id.")
    public String jobId;

    @JsonPropertyDescription("Flink job state (RUNNING, FAILED, ...), or RECONCILING while the operator works on it.")
    public FlinkJobState state;

    @JsonPropertyDescription("Job start time, epoch milliseconds as a string.")
    public String startTime;

    @JsonPropertyDescription("When this job status was last updated, epoch milliseconds as a string.")
    public String updateTime;

    @JsonPropertyDescription("Savepoint or checkpoint the current deployment of the job started from (or, during an upgrade, the "
            + "next one will start from); empty for an empty start.")
    public String upgradeSavepointPath;

    @JsonPropertyDescription("Latest completed checkpoint of the running job, as last observed (at most once per "
            + "reconcile interval).")
    public ObservedCheckpoint latestCheckpoint;

    @JsonPropertyDescription("Savepoints of this job.")
    public SavepointInfo savepointInfo;

    @JsonPropertyDescription("Checkpoints triggered by the operator for this job.")
    public CheckpointInfo checkpointInfo;
}
