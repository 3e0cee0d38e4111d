package dev.flinkoperator.flink;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /jobs/:jobid/checkpoints}: counts and the latest checkpoints. Each of {@code latest}'s parts is null
 * until the job has one (no checkpoint completed yet, never restored).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckpointStats(
        @JsonProperty("counts") Counts counts,
        @JsonProperty("latest") Latest latest,
        @JsonProperty("history") List<HistoryEntry> history) {

    public CheckpointStats {
        counts = counts == null ? new Counts(0, 0, 0, 0, 0) : counts;
        latest = latest == null ? new Latest(null, null, null, null) : latest;
        history = history == null ? List.of() : history;
    }

    public CheckpointStats(Counts counts, Latest latest) {
        this(counts, latest, List.of());
    }

    /**
     * Where checkpoint {@code id} is, while Flink still lists it (latest, or among its recent history) and has not
     * discarded it (subsumed by a newer one).
     */
    public Optional<String> externalPath(long id) {
        if (latest.completed() != null && latest.completed().id() == id) {
            return Optional.ofNullable(latest.completed().externalPath());
        }
        return history.stream().filter(h -> h.id() == id && "COMPLETED".equals(h.status()) && !h.discarded())
                .map(HistoryEntry::externalPath).filter(java.util.Objects::nonNull).findFirst();
    }

    /** One of the recent checkpoints Flink lists, in any state. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryEntry(
            @JsonProperty("id") long id,
            @JsonProperty("status") String status,
            @JsonProperty("is_savepoint") boolean savepoint,
            @JsonProperty("external_path") String externalPath,
            @JsonProperty("discarded") boolean discarded) {
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
