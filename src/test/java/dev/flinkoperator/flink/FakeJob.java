package dev.flinkoperator.flink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One job in {@link FakeFlinkRestClient}: a single vertex, its state, failures, checkpoints and metrics. */
final class FakeJob {
    final String id;
    final String name;
    final long startTime;
    final String restoredFrom;
    final List<JobExceptions.Entry> exceptions = new ArrayList<>();
    final Map<String, AggregatedMetric> metrics = new LinkedHashMap<>();
    FlinkJobStatus state = FlinkJobStatus.RUNNING;
    /** When the job (or one of its tasks) last changed state: Flink's last-modification. */
    long lastModification;
    /** Whether a RUNNING job's tasks run (they do not while no TaskManager has taken them). */
    boolean tasksRunning = true;
    long endTime = -1;
    int parallelism;
    int checkpoints;
    boolean restoredFromSavepoint;

    FakeJob(String id, String name, int parallelism, long startTime, String restoredFrom) {
        this.id = id;
        this.name = name;
        this.parallelism = parallelism;
        this.startTime = startTime;
        this.restoredFrom = restoredFrom;
        this.lastModification = startTime;
    }

    void changeState(FlinkJobStatus newState, long now) {
        state = newState;
        lastModification = now;
    }

    /** Vertex ids are 32 hex digits like job ids; derived so that a test can know it. */
    String vertexId() {
        return id.substring(16) + id.substring(0, 16);
    }

    String checkpointPath() {
        return "file:///flink-data/checkpoints/" + id + "/chk-" + checkpoints;
    }

    void end(FlinkJobStatus endState, long now) {
        changeState(endState, now);
        endTime = now;
    }

    /** Flink's message when a savepoint or checkpoint is triggered for a job that does not run. */
    String notRunning() {
        return "org.apache.flink.runtime.checkpoint.CheckpointException: Job " + id + " is not in state RUNNING but "
                + state + " instead. Aborting checkpoint.";
    }
}
