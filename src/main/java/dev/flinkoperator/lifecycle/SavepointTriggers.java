package dev.flinkoperator.lifecycle;

import dev.flinkoperator.crd.spec.JobSpec;
import dev.flinkoperator.crd.status.JobStatus;
import dev.flinkoperator.crd.status.Savepoint;
import dev.flinkoperator.crd.status.SavepointInfo;
import dev.flinkoperator.crd.status.SnapshotTriggerType;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.FlinkRestException;
import dev.flinkoperator.flink.OperationStatus;
import dev.flinkoperator.flink.SavepointRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Savepoints of a running job that are not part of an upgrade, one step per call: a manual one when
 * job.savepointTriggerNonce changes, a periodic one every {@code kubernetes.operator.periodic.savepoint.interval}, and
 * the disposal of the operator's older savepoints beyond the history limits. The trigger id is recorded before the
 * savepoint is asked for, so a retried step never takes a second one. A disposed savepoint leaves the history only
 * once Flink has deleted it; the latest savepoint and the one the job started from are never disposed.
 */
public final class SavepointTriggers {
    /**
     * @param recorded a trigger was recorded: write the status before going on (the caller marks the nonce handled)
     * @param busy something is under way in Flink: look again soon
     * @param completed the savepoint that just completed, else null
     * @param failure why a savepoint or disposal failed, else null
     */
    public record Result(boolean recorded, boolean busy, Savepoint completed, String failure) {
        public static final Result IDLE = new Result(false, false, null, null);
        static final Result RECORDED = new Result(true, true, null, null);
        static final Result BUSY = new Result(false, true, null, null);
    }

    private SavepointTriggers() {
    }

    /** @param handledNonce the savepointTriggerNonce last acted on (of lastReconciledSpec) */
    public static Result step(JobStatus jobStatus, JobSpec job, Long handledNonce, JobSettings settings,
            FlinkRestClient flink, Clock clock) {
        SavepointInfo info = SavepointRecords.of(jobStatus);
        if (info.triggerId != null) {
            return poll(jobStatus, job, settings, flink, clock);
        }
        if (job.savepointTriggerNonce != null && !Objects.equals(job.savepointTriggerNonce, handledNonce)) {
            SavepointRecords.recordTrigger(jobStatus, SnapshotTriggerType.MANUAL, settings.savepointFormat(),
                    clock.millis());
            return Result.RECORDED;
        }
        Duration every = settings.snapshots().periodicSavepoint();
        if (!every.isZero() && clock.millis() - lastPeriodic(jobStatus) >= every.toMillis()) {
            SavepointRecords.recordTrigger(jobStatus, SnapshotTriggerType.PERIODIC, settings.savepointFormat(),
                    clock.millis());
            info.lastPeriodicSavepointTimestamp = clock.millis();
            return Result.RECORDED;
        }
        return dispose(jobStatus, settings, flink, clock);
    }

    private static Result poll(JobStatus jobStatus, JobSpec job, JobSettings settings, FlinkRestClient flink,
            Clock clock) {
        SavepointInfo info = jobStatus.savepointInfo;
        OperationStatus status;
        try {
            status = flink.savepointStatus(jobStatus.jobId, info.triggerId);
        } catch (FlinkRestException e) {
            if (!e.notFound()) {
                throw e;
            }
            flink.triggerSavepoint(jobStatus.jobId,
                    // No target directory: Flink's configured one, a path as the JobManager sees it.
                    new SavepointRequest(null, false, settings.savepointFormat(), info.triggerId));
            return Result.BUSY;
        }
        return switch (status.state()) {
            case IN_PROGRESS -> Result.BUSY;
            case FAILED -> {
                SavepointRecords.clearTrigger(jobStatus);
                yield new Result(false, false, null, "Savepoint failed: " + status.failure());
            }
            case COMPLETED -> {
                Long nonce = info.triggerType == SnapshotTriggerType.MANUAL ? job.savepointTriggerNonce : null;
                // busy: the history may now be over its limit, look again soon
                yield new Result(false, true,
                        SavepointRecords.completed(jobStatus, status.location(), clock.millis(), nonce), null);
            }
        };
    }

    private static Result dispose(JobStatus jobStatus, JobSettings settings, FlinkRestClient flink, Clock clock) {
        SavepointInfo info = jobStatus.savepointInfo;
        if (info.disposalTriggerId != null) {
            OperationStatus status = flink.disposalStatus(info.disposalTriggerId);
            if (!status.isDone()) {
                return Result.BUSY;
            }
            String path = info.disposingPath;
            info.disposalTriggerId = null;
            info.disposingPath = null;
            if (status.state() == OperationStatus.State.COMPLETED || isGone(status.failure())) {
                info.savepointHistory.removeIf(s -> path.equals(s.location));
                return Result.IDLE;
            }
            return new Result(false, false, null, "Savepoint " + path + " could not be disposed and stays in the "
                    + "history: " + status.failure());
        }
        Optional<Savepoint> doomed = disposable(jobStatus, settings.snapshots(), clock);
        if (doomed.isEmpty()) {
            return Result.IDLE;
        }
        info.disposingPath = doomed.get().location;
        info.disposalTriggerId = flink.disposeSavepoint(info.disposingPath);
        return Result.BUSY;
    }

    /** The oldest savepoint beyond the count or age limit, sparing the latest and the one the job started from. */
    static Optional<Savepoint> disposable(JobStatus jobStatus, JobSettings.Snapshots limits, Clock clock) {
        SavepointInfo info = jobStatus.savepointInfo;
        int excess = info.savepointHistory.size() - limits.historyMaxCount();
        long oldestKept = clock.millis() - limits.historyMaxAge().toMillis();
        String latest = info.lastSavepoint == null ? null : info.lastSavepoint.location;
        return info.savepointHistory.stream()
                .sorted(Comparator.comparingLong(s -> s.timeStamp == null ? 0 : s.timeStamp))
                .filter(s -> !Objects.equals(s.location, latest)
                        && !Objects.equals(s.location, jobStatus.upgradeSavepointPath))
                .filter(s -> excess > 0 || (s.timeStamp != null && s.timeStamp < oldestKept))
                .findFirst();
    }

    // Disposing a savepoint whose files are already gone (disposed before a crash let us record it) is done.
    private static boolean isGone(String failure) {
        return failure != null && (failure.contains("FileNotFoundException") || failure.contains("Cannot find meta"));
    }

    private static long lastPeriodic(JobStatus jobStatus) {
        Long last = jobStatus.savepointInfo.lastPeriodicSavepointTimestamp;
        if (last != null) {
            return last;
        }
        return jobStatus.startTime == null ? Long.MAX_VALUE / 2 : Long.parseLong(jobStatus.startTime);
    }
}
