package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /jars/:jarid/run}. Null fields are left out, not sent as null: Flink rejects request bodies with
 * fields it does not know, and older versions do not know the newer ones. jobId (32 hex digits) fixes the job's id so
 * a retried submission is recognised; savepointPath starts the job from that snapshot.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JarRunRequest(
        @JsonProperty("entryClass") String entryClass,
        @JsonProperty("programArgsList") List<String> programArgsList,
        @JsonProperty("parallelism") Integer parallelism,
        @JsonProperty("jobId") String jobId,
        @JsonProperty("savepointPath") String savepointPath,
        @JsonProperty("allowNonRestoredState") Boolean allowNonRestoredState,
        @JsonProperty("restoreMode") RestoreMode restoreMode,
        @JsonProperty("flinkConfiguration") Map<String, String> flinkConfiguration) {

    /** A fresh start: no snapshot to restore. */
    public static JarRunRequest fresh(String entryClass, List<String> args, Integer parallelism, String jobId) {
        return new JarRunRequest(entryClass, args, parallelism, jobId, null, null, null, null);
    }

    public JarRunRequest restoringFrom(String path, boolean allowNonRestoredState, RestoreMode mode) {
        return new JarRunRequest(entryClass, programArgsList, parallelism, jobId, path, allowNonRestoredState, mode,
                flinkConfiguration);
    }

    public JarRunRequest withFlinkConfiguration(Map<String, String> configuration) {
        return new JarRunRequest(entryClass, programArgsList, parallelism, jobId, savepointPath,
                allowNonRestoredState, restoreMode, configuration);
    }
}
