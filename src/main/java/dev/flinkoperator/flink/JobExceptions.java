package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /jobs/:jobid/exceptions}. Flink 1.x answers both the old {@code root-exception} and the newer
 * {@code exceptionHistory}; later versions drop the old fields, so read the history first.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobExceptions(
        @JsonProperty("root-exception") String rootException,
        @JsonProperty("timestamp") Long rootTimestamp,
        @JsonProperty("exceptionHistory") History exceptionHistory) {

    public JobExceptions {
        exceptionHistory = exceptionHistory == null ? new History(List.of(), false) : exceptionHistory;
    }

    /** The failures, newest first, as Flink orders them. */
    public List<Entry> entries() {
        return exceptionHistory.entries();
    }

    /** The newest failure's stack trace, from the history or the old root-exception field; null when none. */
    public String latestStackTrace() {
        return entries().isEmpty() ? rootException : entries().get(0).stacktrace();
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record History(
            @JsonProperty("entries") List<Entry> entries,
            @JsonProperty("truncated") boolean truncated) {
        public History {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    /** One failure that restarted or failed the job. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(
            @JsonProperty("exceptionName") String exceptionName,
            @JsonProperty("stacktrace") String stacktrace,
            @JsonProperty("timestamp") long timestamp,
            @JsonProperty("taskName") String taskName,
            @JsonProperty("endpoint") String endpoint,
            @JsonProperty("taskManagerId") String taskManagerId,
            @JsonProperty("failureLabels") Map<String, String> failureLabels) {
        public Entry {
            failureLabels = failureLabels == null ? Map.of() : Map.copyOf(failureLabels);
        }
    }
}
