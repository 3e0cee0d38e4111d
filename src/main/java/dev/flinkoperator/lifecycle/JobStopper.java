package dev.flinkoperator.lifecycle;

import dev.flinkoperator.crd.status.CommonStatus;
import dev.flinkoperator.crd.status.JobStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.crd.status.SnapshotTriggerType;
import dev.flinkoperator.crd.status.UpgradeProgress.StateSource;
import dev.flinkoperator.flink.CheckpointStats;
import dev.flinkoperator.flink.FlinkJobStatus;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.FlinkRestException;
import dev.flinkoperator.flink.JobOverview;
import dev.flinkoperator.flink.OperationStatus;
import dev.flinkoperator.flink.StopWithSavepointRequest;
import java.time.Clock;
import java.time.Duration;

/**
 * Stops the job of an upgrade, suspension or deletion the way its state source needs, one step per call, and finds
 * the state the next deployment restores ({@code jobStatus.upgradeSavepointPath}):
 * <ul>
 * <li>NONE, INITIAL_SAVEPOINT: cancel;</li>
 * <li>SAVEPOINT: stop-with-savepoint under a trigger id recorded first; a job that is not running falls back to
 * LAST_STATE when allowed;</li>
 * <li>LAST_STATE: with Kubernetes HA the job is left to die with its cluster and Flink restores its latest checkpoint
 * from the HA metadata; without, it is cancelled (checkpoints retained on cancellation) and its latest checkpoint
 * read from Flink.</li>
 * </ul>
 * State is never silently dropped: when no snapshot can be found for a stateful source the stop is blocked with
 * "manual restore required" and a running job keeps running.
 */
public final class JobStopper {
    /**
     * DONE: the job is stopped and the path to restore recorded; FROM_HA: the job's cluster may go, and a new one under
     * the same job id recovers its latest checkpoint from the HA metadata; RECORDED: a trigger id was recorded, write
     * it before going on; WAIT: look again soon; BLOCKED: message says why.
     */
    public record Result(Kind kind, String message) {
        public enum Kind { DONE, FROM_HA, RECORDED, WAIT, BLOCKED }

        static final Result RECORDED = new Result(Kind.RECORDED, null);
        static final Result DONE = new Result(Kind.DONE, null);
        static final Result FROM_HA = new Result(Kind.FROM_HA, null);
        static final Result WAIT = new Result(Kind.WAIT, null);

        static Result blocked(String message) {
            return new Result(Kind.BLOCKED, message);
        }
    }

    private static final String NOT_ADDRESSABLE = "<checkpoint-not-externally-addressable>";
    /**
     * Flink's REST API serves a job's checkpoint statistics from a cache (rest.cache.checkpoint-statistics.timeout,
     * by default web.refresh-interval, 3 s): read right after the job ended they may name a checkpoint that a later
     * one has since subsumed and deleted. They are read once this long has passed since the job ended.
     */
    static final Duration STATISTICS_SETTLE = Duration.ofSeconds(5);

    private JobStopper() {
    }

    /**
     * @param flink the JobManager's client, or null when it cannot be reached (no cluster, not ready)
     * @param initialSavepointPath the spec's job.initialSavepointPath, for INITIAL_SAVEPOINT
     */
    public static Result step(CommonStatus status, StateSource source, JobSettings settings, FlinkRestClient flink,
            String initialSavepointPath, Clock clock) {
        JobStatus jobStatus = status.jobStatus;
        JobOverview job;
        try {
            job = flink == null || jobStatus.jobId == null ? null : find(flink, jobStatus.jobId);
        } catch (FlinkRestException e) {
            if (!e.noAnswer()) {
                throw e;
            }
            // A ready JobManager that does not answer for a moment is asked again, not taken for lost (it is once
            // its pod stops being ready, and the client is then null).
            return Result.WAIT;
        }
        boolean running = job != null && !job.state().isGloballyTerminal();
        return switch (source) {
            case NONE, INITIAL_SAVEPOINT -> {
                if (running) {
                    yield cancel(flink, job);
                }
                jobStatus.upgradeSavepointPath = source == StateSource.NONE ? null : initialSavepointPath;
                yield Result.DONE;
            }
            case SAVEPOINT -> savepoint(status, settings, flink, job, clock);
            case LAST_STATE -> lastState(status, settings, flink, job, clock);
        };
    }

    private static Result savepoint(CommonStatus status, JobSettings settings, FlinkRestClient flink, JobOverview job,
            Clock clock) {
        JobStatus jobStatus = status.jobStatus;
        String triggerId = SavepointRecords.of(jobStatus).triggerId;
        boolean running = job != null && !job.state().isGloballyTerminal();
        if (triggerId == null) {
            if (!running) {
                return fallBack(status, settings, flink, job, clock);
            }
            SavepointRecords.recordTrigger(jobStatus, SnapshotTriggerType.UPGRADE, settings.savepointFormat(),
                    clock.millis());
            return Result.RECORDED; // the trigger id is written before the stop is asked for
        }
        if (flink == null) {
            SavepointRecords.clearTrigger(jobStatus);
            return fallBack(status, settings, null, null, clock);
        }
        OperationStatus stop;
        try {
            stop = flink.savepointStatus(jobStatus.jobId, triggerId);
        } catch (FlinkRestException e) {
            if (!e.notFound() || !running) {
                throw e;
            }
            flink.stopWithSavepoint(jobStatus.jobId,
                    // No target directory: Flink's configured one, a path as the JobManager sees it.
                    new StopWithSavepointRequest(null, false, settings.savepointFormat(), triggerId));
            return Result.WAIT;
        }
        return switch (stop.state()) {
            case IN_PROGRESS -> Result.WAIT;
            case FAILED -> {
                SavepointRecords.clearTrigger(jobStatus);
                yield Result.blocked("The savepoint for the upgrade failed, the job keeps running: " + stop.failure());
            }
            case COMPLETED -> {
                // Flink reports the savepoint complete a moment before the job leaves RUNNING.
                if (running) {
                    yield Result.WAIT;
                }
                SavepointRecords.completed(jobStatus, stop.location(), clock.millis(), null);
                jobStatus.upgradeSavepointPath = stop.location();
                yield Result.DONE;
            }
        };
    }

    private static Result fallBack(CommonStatus status, JobSettings settings, FlinkRestClient flink, JobOverview job,
            Clock clock) {
        if (status.lifecycleState == ResourceLifecycleState.SUSPENDED || neverObserved(status.jobStatus)) {
            return Result.DONE; // nothing ran since the recorded path: it is still the state to restore
        }
        if (!settings.lastStateFallback()) {
            return Result.blocked("Manual restore required: job " + status.jobStatus.jobId + " is not running, so no "
                    + "savepoint can be taken, and kubernetes.operator.job.upgrade.last-state-fallback.enabled is "
                    + "false. Set job.initialSavepointPath and change job.savepointRedeployNonce, or use upgradeMode "
                    + "stateless.");
        }
        return lastState(status, settings, flink, job, clock);
    }

    private static Result lastState(CommonStatus status, JobSettings settings, FlinkRestClient flink,
            JobOverview job, Clock clock) {
        JobStatus jobStatus = status.jobStatus;
        boolean terminal = job != null && job.state().isGloballyTerminal();
        if (settings.kubernetesHa() && !terminal) {
            // A job that ended globally had its HA metadata removed by Flink; any other keeps it.
            return Result.FROM_HA;
        }
        if (job != null && !terminal) {
            if (!settings.retainsCheckpointsOnCancel()) {
                return Result.blocked("Manual restore required for a last-state upgrade of job " + jobStatus.jobId
                        + ": without Kubernetes high availability its checkpoints must survive a cancel; set "
                        + JobSettings.CHECKPOINT_RETENTION + ": RETAIN_ON_CANCELLATION or high-availability.type: "
                        + "kubernetes. The job keeps running.");
            }
            return cancel(flink, job); // ends checkpointing; the latest checkpoint is retained on cancellation
        }
        if (job != null) {
            if (job.endTime() > 0 && clock.millis() - job.endTime() < STATISTICS_SETTLE.toMillis()) {
                return Result.WAIT;
            }
            CheckpointStats stats = flink.checkpointStats(job.jobId());
            CheckpointStats.Completed latest = stats.latest().completed();
            if (latest != null && latest.externalPath() != null && !NOT_ADDRESSABLE.equals(latest.externalPath())) {
                jobStatus.upgradeSavepointPath = latest.externalPath();
                return Result.DONE;
            }
            if (stats.counts().completed() == 0) {
                return Result.DONE; // no checkpoint since it started from the recorded path
            }
        } else if (status.lifecycleState == ResourceLifecycleState.SUSPENDED || neverObserved(jobStatus)) {
            return Result.DONE;
        }
        String lastSeen = jobStatus.latestCheckpoint == null || jobStatus.latestCheckpoint.path == null ? ""
                : " The latest checkpoint seen was " + jobStatus.latestCheckpoint.path + " (it may have been subsumed "
                + "since).";
        return Result.blocked("Manual restore required: no checkpoint of job " + jobStatus.jobId + " can be found "
                + (job == null ? "(its JobManager cannot be reached and high availability is off)"
                : "(checkpoints are not written to a durable directory)") + "." + lastSeen
                + " Set job.initialSavepointPath and change job.savepointRedeployNonce, or use upgradeMode stateless.");
    }

    private static Result cancel(FlinkRestClient flink, JobOverview job) {
        if (job.state() != FlinkJobStatus.CANCELLING) {
            flink.cancelJob(job.jobId());
        }
        return Result.WAIT;
    }

    /** The job of the current deployment was never seen by the operator: it did not run, so it saved nothing new. */
    private static boolean neverObserved(JobStatus jobStatus) {
        return jobStatus.startTime == null;
    }

    private static JobOverview find(FlinkRestClient flink, String jobId) {
        return flink.jobs().stream().filter(j -> j.jobId().equals(jobId)).findFirst().orElse(null);
    }
}
