package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code GET /jobs/:jobid/checkpoints}: counts and the latest checkpoints. Each of {@code latest}'s parts is null
 * until the job has one (no checkpoint completed yet, never restored).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckpointStats(
        @JsonProperty("counts") Counts counts,
        @JsonProperty("latest") Latest latest) {

    public CheckpointStats {
        counts = counts == null ? new Counts(0, 0, 0, 0, 0) : counts;
        latest = latest == null ? new Latest(null, null, null, null) : latest;
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counts(
            @JsonProperty("restored") long restored,
            @JsonProperty("total") long total,
            @JsonProperty("in_progress") long inProgress,
            @JsonProperty("completed") long completed,
            @JsonProperty("failed") long failed) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Latest(
            @JsonProperty("completed") Completed completed,
            @JsonProperty("savepoint") Completed savepoint,
            @JsonProperty("failed") Failed failed,
            @JsonProperty("restored") Restored restored) {
    }

    /** A completed checkpoint or savepoint; externalPath is where it can be restored from. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Completed(
            @JsonProperty("id") long id,
            @JsonProperty("external_path") String externalPath,
            @JsonProperty("trigger_timestamp") long triggerTimestamp,
            @JsonProperty("latest_ack_timestamp") long latestAckTimestamp,
            @JsonProperty("is_savepoint") boolean savepoint) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Failed(
            @JsonProperty("id") long id,
            @JsonProperty("trigger_timestamp") long triggerTimestamp,
            @JsonProperty("failure_timestamp") long failureTimestamp,
            @JsonProperty("failure_message") String failureMessage) {
    }

    /** The checkpoint or savepoint the job last started from. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Restored(
            @JsonProperty("id") long id,
            @JsonProperty("restore_timestamp") long restoreTimestamp,
            @JsonProperty("is_savepoint") boolean savepoint,
            @JsonProperty("external_path") String externalPath) {
    }
}
