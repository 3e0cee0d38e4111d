package dev.flinkoperator.lifecycle;

import dev.flinkoperator.crd.FlinkStateSnapshot;
import dev.flinkoperator.crd.spec.FlinkStateSnapshotSpec;
import dev.flinkoperator.crd.status.FlinkStateSnapshotStatus;
import dev.flinkoperator.crd.status.FlinkStateSnapshotStatus.SnapshotState;
import dev.flinkoperator.flink.CheckpointRequest;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.FlinkRestException;
import dev.flinkoperator.flink.OperationStatus;
import dev.flinkoperator.flink.SavepointRequest;
import dev.flinkoperator.flink.SnapshotFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Takes the savepoint or checkpoint a FlinkStateSnapshot asks for, one step per call: the trigger id is recorded
 * first (IN_PROGRESS), the snapshot is asked of Flink under it and polled until it completes (COMPLETED, with its
 * path) or fails (back to TRIGGER_PENDING while spec.backoffLimit allows a retry, else FAILED).
 */
public final class SnapshotRequests {
    /** What to look at next: RECORDED (write, then come back at once), WAITING (poll soon), DONE (final or idle). */
    public enum Next { RECORDED, WAITING, DONE }

    /** How long a completed checkpoint may take to show in Flink's (cached) checkpoint statistics. */
    private static final Duration STATISTICS_LAG = Duration.ofSeconds(30);

    private SnapshotRequests() {
    }

    /** @param jobId the running job of the referenced resource */
    public static Next step(FlinkStateSnapshot snapshot, String jobId, FlinkRestClient flink, Clock clock) {
        FlinkStateSnapshotStatus status = snapshot.getStatus();
        FlinkStateSnapshotSpec spec = snapshot.getSpec();
        if (status.state != SnapshotState.IN_PROGRESS) {
            status.state = SnapshotState.IN_PROGRESS;
            status.triggerId = FlinkRestClient.newTriggerId();
            status.triggerTimestamp = Instant.now(clock).toString();
            return Next.RECORDED;
        }
        OperationStatus operation;
        try {
            operation = spec.savepoint != null ? flink.savepointStatus(jobId, status.triggerId)
                    : flink.checkpointStatus(jobId, status.triggerId);
        } catch (FlinkRestException e) {
            if (!e.notFound()) {
                throw e;
            }
            if (spec.savepoint != null) {
                SnapshotFormat format = spec.savepoint.formatType == FlinkStateSnapshotSpec.SavepointFormatType.NATIVE
                        ? SnapshotFormat.NATIVE : SnapshotFormat.CANONICAL;
                flink.triggerSavepoint(jobId, new SavepointRequest(spec.savepoint.path, false, format,
                        status.triggerId));
            } else {
                flink.triggerCheckpoint(jobId, new CheckpointRequest(null, status.triggerId));
            }
            return Next.WAITING;
        }
        switch (operation.state()) {
            case IN_PROGRESS:
                return Next.WAITING;
            case COMPLETED:
                String path = spec.savepoint != null ? operation.location()
                        : checkpointPath(flink, jobId, operation.checkpointId());
                if (path == null && spec.checkpoint != null && clock.instant()
                        .isBefore(Instant.parse(status.triggerTimestamp).plus(STATISTICS_LAG))) {
                    return Next.WAITING; // Flink's checkpoint statistics are cached for a few seconds
                }
                status.state = SnapshotState.COMPLETED;
                status.path = path;
                status.resultTimestamp = Instant.now(clock).toString();
                status.error = null;
                return Next.DONE;
            default:
                status.failures = status.failures == null ? 1 : status.failures + 1;
                status.error = operation.failure();
                int limit = spec.backoffLimit == null ? 0 : spec.backoffLimit;
                status.state = limit == -1 || status.failures <= limit ? SnapshotState.TRIGGER_PENDING
                        : SnapshotState.FAILED;
                status.triggerId = null;
                return status.state == SnapshotState.FAILED ? Next.DONE : Next.WAITING;
        }
    }

    /** Where the checkpoint is (Flink answers a checkpoint trigger with its id; its statistics give the path). */
    private static String checkpointPath(FlinkRestClient flink, String jobId, Long checkpointId) {
        return checkpointId == null ? null : flink.checkpointStats(jobId).externalPath(checkpointId).orElse(null);
    }
}
