package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One entry of {@code GET /jobs/overview}. Times are epoch milliseconds; endTime is -1 while the job runs.
 * lastModification is when the job or one of its tasks last changed state; tasks counts them by state (null when
 * Flink did not say).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobOverview(
        @JsonProperty("jid") String jobId,
        @JsonProperty("name") String name,
        @JsonProperty("state") FlinkJobStatus state,
        @JsonProperty("start-time") long startTime,
        @JsonProperty("end-time") long endTime,
        @JsonProperty("last-modification") long lastModification,
        @JsonProperty("tasks") Tasks tasks) {

    public JobOverview(String jobId, String name, FlinkJobStatus state, long startTime, long endTime,
            long lastModification) {
        this(jobId, name, state, startTime, endTime, lastModification, null);
    }

    /** A job is RUNNING as soon as it is scheduled; its tasks run only once TaskManagers have taken them. */
    public boolean allTasksRunning() {
        return tasks == null || tasks.running() + tasks.finished() == tasks.total();
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tasks(
            @JsonProperty("total") int total,
            @JsonProperty("running") int running,
            @JsonProperty("finished") int finished) {
    }
}
