package dev.flinkoperator.lifecycle;

import dev.flinkoperator.crd.spec.JobSpec;
import dev.flinkoperator.crd.status.Checkpoint;
import dev.flinkoperator.crd.status.CheckpointInfo;
import dev.flinkoperator.crd.status.JobStatus;
import dev.flinkoperator.crd.status.SnapshotTriggerType;
import dev.flinkoperator.flink.CheckpointRequest;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.FlinkRestException;
import dev.flinkoperator.flink.OperationStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Checkpoints the operator is asked for, one step per call: a manual one when job.checkpointTriggerNonce changes, a
 * periodic one every {@code kubernetes.operator.periodic.checkpoint.interval}. As with savepoints, the trigger id is
 * recorded before Flink is asked, so a retried step never takes a second checkpoint.
 */
public final class CheckpointTriggers {
    private CheckpointTriggers() {
    }

    /** @param handledNonce the checkpointTriggerNonce last acted on (of lastReconciledSpec) */
    public static SavepointTriggers.Result step(JobStatus jobStatus, JobSpec job, Long handledNonce,
            Duration periodic, FlinkRestClient flink, Clock clock) {
        CheckpointInfo info = jobStatus.checkpointInfo;
        if (info != null && info.triggerId != null) {
            return poll(jobStatus, job, flink, clock);
        }
        if (job.checkpointTriggerNonce != null && !Objects.equals(job.checkpointTriggerNonce, handledNonce)) {
            record(jobStatus, SnapshotTriggerType.MANUAL, clock);
            return SavepointTriggers.Result.RECORDED;
        }
        long last = info != null && info.lastPeriodicCheckpointTimestamp != null ? info.lastPeriodicCheckpointTimestamp
                : jobStatus.startTime == null ? Long.MAX_VALUE / 2 : Long.parseLong(jobStatus.startTime);
        if (!periodic.isZero() && clock.millis() - last >= periodic.toMillis()) {
            record(jobStatus, SnapshotTriggerType.PERIODIC, clock).lastPeriodicCheckpointTimestamp = clock.millis();
            return SavepointTriggers.Result.RECORDED;
        }
        return SavepointTriggers.Result.IDLE;
    }

    private static SavepointTriggers.Result poll(JobStatus jobStatus, JobSpec job, FlinkRestClient flink,
            Clock clock) {
        CheckpointInfo info = jobStatus.checkpointInfo;
        OperationStatus status;
        try {
            status = flink.checkpointStatus(jobStatus.jobId, info.triggerId);
        } catch (FlinkRestException e) {
            if (!e.notFound()) {
                throw e;
            }
            flink.triggerCheckpoint(jobStatus.jobId, new CheckpointRequest(null, info.triggerId));
            return SavepointTriggers.Result.BUSY;
        }
        if (!status.isDone()) {
            return SavepointTriggers.Result.BUSY;
        }
        SnapshotTriggerType type = info.triggerType;
        info.triggerId = null;
        info.triggerType = null;
        info.triggerTimestamp = null;
        if (status.state() == OperationStatus.State.FAILED) {
            return new SavepointTriggers.Result(false, false, null, "Checkpoint failed: " + status.failure());
        }
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.timeStamp = clock.millis();
        checkpoint.triggerType = type;
        checkpoint.triggerNonce = type == SnapshotTriggerType.MANUAL ? job.checkpointTriggerNonce : null;
        info.lastCheckpoint = checkpoint;
        return SavepointTriggers.Result.IDLE;
    }

    private static CheckpointInfo record(JobStatus jobStatus, SnapshotTriggerType type, Clock clock) {
        if (jobStatus.checkpointInfo == null) {
            jobStatus.checkpointInfo = new CheckpointInfo();
        }
        CheckpointInfo info = jobStatus.checkpointInfo;
        info.triggerId = FlinkRestClient.newTriggerId();
        info.triggerType = type;
        info.triggerTimestamp = clock.millis();
        return info;
    }
}
