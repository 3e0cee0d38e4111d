package dev.flinkoperator.reconcile;

import dev.flinkoperator.crd.status.CommonStatus;
import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.JobStatus;
import dev.flinkoperator.crd.status.ObservedCheckpoint;
import dev.flinkoperator.crd.status.ReconciliationState;
import dev.flinkoperator.crd.status.ReconciliationStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.flink.CheckpointStats;
import dev.flinkoperator.flink.DashboardConfig;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.FlinkRestException;
import dev.flinkoperator.flink.JobOverview;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads what a running cluster says about itself through its REST API into the status: Flink's version (once), and
 * for an application cluster its job (id, name, state, start time). A job whose tasks have all run, none changing
 * state, for the stable-after time makes the deployment STABLE; a failed one makes it FAILED with Flink's root
 * exception.
 * Writes only what Flink reports, so an unchanged job changes nothing in the status.
 */
public final class JobObserver {
    private static final int MAX_ERROR_LENGTH = 1_000;
    private static final String NOT_ADDRESSABLE = "<checkpoint-not-externally-addressable>";

    /**
     * @param settled nothing is in progress: the next look can wait for the regular interval
     * @param failure why the job failed, or null
     * @param soon a step was just taken whose effect shows within seconds (a cancel, a submission): look again soon
     * @param stableIn a running job becomes stable after this, if nothing changes: look again then; or null
     */
    public record Outcome(boolean settled, String failure, boolean soon, Duration stableIn) {
        public Outcome(boolean settled, String failure) {
            this(settled, failure, false, null);
        }

        static Outcome stepTaken() {
            return new Outcome(false, null, true, null);
        }

        /** When to look again, given the regular interval, the progress check interval and a soon look. */
        public Duration next(Duration interval, Duration progressCheck, Duration soonCheck) {
            if (soon) {
                return soonCheck;
            }
            if (stableIn != null && stableIn.compareTo(progressCheck) < 0) {
                return stableIn;
            }
            return settled ? interval : progressCheck;
        }
    }

    /**
     * When a running job counts as stable: all its tasks running, and none changing state for {@code after} (Flink's
     * last-modification of the job, which a restart moves on). {@code clock} is compared with the JobManager's clock.
     */
    public record Stability(Duration after, Clock clock) {
        /** How long until {@code job} has run with all its tasks unchanged for {@code after}; zero or less once so. */
        Duration remaining(JobOverview job) {
            if (!job.allTasksRunning()) {
                return after.isZero() ? Duration.ofSeconds(1) : after; // the clock starts when they all run
            }
            return after.minusMillis(clock.millis() - job.lastModification());
        }
    }

    private JobObserver() {
    }

    public static Outcome observe(FlinkDeploymentStatus status, boolean application, FlinkRestClient flink,
            Stability stability) {
        try {
            if (status.clusterInfo == null || !status.clusterInfo.containsKey("flink-version")) {
                DashboardConfig config = flink.dashboardConfig();
                status.clusterInfo = Map.of("flink-version", String.valueOf(config.flinkVersion()),
                        "flink-revision", String.valueOf(config.flinkRevision()));
            }
            if (!application) {
                return new Outcome(true, null);
            }
            JobOverview job = ours(flink.jobs(), status.jobStatus);
            if (job == null) {
                return new Outcome(false, null); // the entrypoint is still submitting it
            }
            return record(status, job, flink, stability);
        } catch (FlinkRestException e) {
            // The JobManager may be starting or busy; what the status says stays until Flink answers.
            return new Outcome(false, null);
        }
    }

    /**
     * Records what Flink says of {@code job}; a running job makes the resource STABLE once {@code stability} is
     * reached (until then it is looked at again soon), a failed one FAILED.
     */
    static Outcome record(CommonStatus status, JobOverview job, FlinkRestClient flink, Stability stability) {
        FlinkJobState state = stateOf(job);
        JobStatus jobStatus = status.jobStatus == null ? new JobStatus() : status.jobStatus;
        jobStatus.jobId = job.jobId();
        jobStatus.jobName = job.name();
        jobStatus.state = state;
        jobStatus.startTime = Long.toString(job.startTime());
        jobStatus.updateTime = Long.toString(job.lastModification());
        status.jobStatus = jobStatus;
        if (state == FlinkJobState.RUNNING) {
            recordLatestCheckpoint(jobStatus, flink);
            ReconciliationStatus reconciliation = status.reconciliationStatus;
            Duration remaining = stability.remaining(job);
            if (remaining.compareTo(Duration.ZERO) > 0 && status.lifecycleState != ResourceLifecycleState.STABLE) {
                // A few milliseconds more, so that the next look finds the time passed.
                return new Outcome(false, null, false, remaining.plusMillis(50));
            }
            boolean rolledBack = reconciliation != null && reconciliation.state == ReconciliationState.ROLLED_BACK;
            status.lifecycleState = rolledBack ? ResourceLifecycleState.ROLLED_BACK : ResourceLifecycleState.STABLE;
            if (reconciliation != null && reconciliation.state == ReconciliationState.DEPLOYED
                    && reconciliation.upgrade == null) {
                reconciliation.lastStableSpec = reconciliation.lastReconciledSpec; // the rollback target
            }
            return new Outcome(true, null);
        }
        if (state == FlinkJobState.FAILED) {
            status.lifecycleState = ResourceLifecycleState.FAILED;
            String failure = "Job " + job.jobId() + " failed: " + rootCause(flink, job.jobId());
            status.error = failure;
            return new Outcome(true, failure);
        }
        return new Outcome(job.state().isGloballyTerminal(), null);
    }

    private static void recordLatestCheckpoint(JobStatus jobStatus, FlinkRestClient flink) {
        try {
            CheckpointStats.Completed latest = flink.checkpointStats(jobStatus.jobId).latest().completed();
            if (latest == null) {
                return;
            }
            ObservedCheckpoint checkpoint = jobStatus.latestCheckpoint == null ? new ObservedCheckpoint()
                    : jobStatus.latestCheckpoint;
            checkpoint.id = latest.id();
            checkpoint.path = NOT_ADDRESSABLE.equals(latest.externalPath()) ? null : latest.externalPath();
            checkpoint.timeStamp = latest.triggerTimestamp();
            jobStatus.latestCheckpoint = checkpoint;
        } catch (FlinkRestException e) {
            // the job's other facts are still worth recording
        }
    }

    /** The job under the recorded id; without one (a status from before ids were recorded), the latest job. */
    private static JobOverview ours(List<JobOverview> jobs, JobStatus recorded) {
        if (recorded != null && recorded.jobId != null) {
            return jobs.stream().filter(j -> j.jobId().equals(recorded.jobId)).findFirst().orElse(null);
        }
        return jobs.stream().max(Comparator.comparingLong(JobOverview::startTime)).orElse(null);
    }

    private static FlinkJobState stateOf(JobOverview job) {
        try {
            return FlinkJobState.valueOf(job.state().name());
        } catch (IllegalArgumentException unknown) {
            return FlinkJobState.RECONCILING; // a state this operator does not know yet
        }
    }

    private static String rootCause(FlinkRestClient flink, String jobId) {
        try {
            String root = flink.jobExceptions(jobId).latestStackTrace();
            if (root == null || root.isBlank()) {
                return "no exception reported";
            }
            String firstLines = root.lines().limit(3).reduce((a, b) -> a + " " + b.trim()).orElse(root);
            return firstLines.length() > MAX_ERROR_LENGTH ? firstLines.substring(0, MAX_ERROR_LENGTH) : firstLines;
        } catch (FlinkRestException e) {
            return "exceptions not available (" + e.getMessage() + ")";
        }
    }
}
