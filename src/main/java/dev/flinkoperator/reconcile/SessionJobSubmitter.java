package dev.flinkoperator.reconcile;

import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.spec.JobSpec;
import dev.flinkoperator.crd.spec.JobState;
import dev.flinkoperator.crd.spec.UpgradeMode;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.FlinkSessionJobStatus;
import dev.flinkoperator.crd.status.JobStatus;
import dev.flinkoperator.crd.status.ReconciliationState;
import dev.flinkoperator.crd.status.ReconciliationStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.FlinkRestException;
import dev.flinkoperator.flink.JarRunRequest;
import dev.flinkoperator.flink.JarSource;
import dev.flinkoperator.flink.JobOverview;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * Runs a FlinkSessionJob's job on its session cluster. Every step is recorded in the status before it is taken, so a
 * retried or restarted reconcile continues instead of repeating it:
 * <ul>
 * <li>a job id is chosen ({@link #chooseJobId}, state DEPLOYED); a DEPLOYED id Flink does not know is submitted under
 * that id, one it knows is observed;</li>
 * <li>a changed spec ({@link #recordSpecChange}) marks the running job as the one to replace (state UPGRADING): it is
 * cancelled (upgrade mode stateless), and once it has ended a new id is chosen for the new spec, unless the spec
 * suspends the job, which then stays SUSPENDED.</li>
 * </ul>
 */
public final class SessionJobSubmitter {
    private SessionJobSubmitter() {
    }

    /** @return whether an id had to be chosen (the status must be written before {@link #submitOrObserve}) */
    public static boolean chooseJobId(FlinkSessionJob job, Clock clock) {
        FlinkSessionJobStatus status = job.getStatus();
        if (status.jobStatus != null && status.jobStatus.jobId != null) {
            return false;
        }
        status.reconciliationStatus = new ReconciliationStatus();
        status.reconciliationStatus.lastReconciledSpec = Serialization.asJson(job.getSpec());
        newJob(status, clock);
        status.lifecycleState = ResourceLifecycleState.CREATED;
        return true;
    }

    /** @return whether the spec changed since it was last acted on (the status must be written before going on) */
    public static boolean recordSpecChange(FlinkSessionJob job, Clock clock) {
        FlinkSessionJobStatus status = job.getStatus();
        String spec = Serialization.asJson(job.getSpec());
        if (spec.equals(status.reconciliationStatus.lastReconciledSpec)) {
            return false;
        }
        status.reconciliationStatus.lastReconciledSpec = spec;
        status.reconciliationStatus.reconciliationTimestamp = clock.millis();
        status.reconciliationStatus.state = ReconciliationState.UPGRADING;
        status.lifecycleState = ResourceLifecycleState.UPGRADING;
        return true;
    }

    private static void newJob(FlinkSessionJobStatus status, Clock clock) {
        status.jobStatus = new JobStatus();
        status.jobStatus.jobId = FlinkRestClient.newTriggerId(); // Flink's job ids have the same form
        status.jobStatus.state = FlinkJobState.RECONCILING;
        status.reconciliationStatus.reconciliationTimestamp = clock.millis();
        status.reconciliationStatus.state = ReconciliationState.DEPLOYED;
    }

    /**
     * Moves the job one step towards its spec: replaces or suspends the job marked for it, submits the recorded job
     * if the cluster does not know it, else records what Flink says of it.
     */
    public static JobObserver.Outcome submitOrObserve(FlinkSessionJob job, FlinkRestClient flink, JarSource jars,
            Clock clock) {
        FlinkSessionJobStatus status = job.getStatus();
        String jobId = status.jobStatus.jobId;
        boolean suspend = job.getSpec().job.state == JobState.SUSPENDED;
        try {
            JobOverview known = flink.jobs().stream().filter(j -> j.jobId().equals(jobId)).findFirst().orElse(null);
            if (status.reconciliationStatus.state == ReconciliationState.UPGRADING) {
                return replace(job, known, flink, suspend, clock);
            }
            if (known != null) {
                return JobObserver.record(status, known, flink);
            }
            if (suspend) {
                status.lifecycleState = ResourceLifecycleState.SUSPENDED;
                return new JobObserver.Outcome(true, null);
            }
            JobSpec spec = job.getSpec().job;
            String jarId = flink.uploadJar(jars.fetch(spec.jarURI));
            flink.runJar(jarId, JarRunRequest.fresh(spec.entryClass, spec.args == null ? List.of() : spec.args,
                    spec.parallelism, jobId));
            status.lifecycleState = ResourceLifecycleState.DEPLOYED;
            return JobObserver.Outcome.stepTaken();
        } catch (FlinkRestException e) {
            if (e.noAnswer()) {
                return new JobObserver.Outcome(false, null); // the session's JobManager is busy or restarting
            }
            return failed(status, "Flink refused the job: " + e.getMessage());
        } catch (IllegalArgumentException | IOException e) {
            return failed(status, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new JobObserver.Outcome(false, null);
        }
    }

    // The job marked for replacement is cancelled (upgrade mode stateless) until it has ended; then the new spec runs
    // under a new id (Flink refuses an id it has run before), or the job stays suspended.
    private static JobObserver.Outcome replace(FlinkSessionJob job, JobOverview old, FlinkRestClient flink,
            boolean suspend, Clock clock) {
        FlinkSessionJobStatus status = job.getStatus();
        if (old != null && !old.state().isGloballyTerminal()) {
            UpgradeMode mode = job.getSpec().job.upgradeMode;
            if (mode != null && mode != UpgradeMode.STATELESS) {
                // Never trade a job's state for the new spec: keep it running until its mode is supported.
                status.error = "Upgrade mode " + mode.name().toLowerCase().replace('_', '-') + " is not yet "
                        + "supported for session jobs: job " + old.jobId() + " keeps running with its state; use "
                        + "upgradeMode stateless to replace it without state";
                return new JobObserver.Outcome(true, status.error);
            }
            if (old.state() != dev.flinkoperator.flink.FlinkJobStatus.CANCELLING) {
                flink.cancelJob(old.jobId());
            }
            return JobObserver.Outcome.stepTaken();
        }
        if (suspend) {
            if (old != null) {
                JobObserver.record(status, old, flink);
            }
            status.reconciliationStatus.state = ReconciliationState.DEPLOYED;
            status.lifecycleState = ResourceLifecycleState.SUSPENDED;
            return new JobObserver.Outcome(true, null);
        }
        newJob(status, clock);
        return JobObserver.Outcome.stepTaken();
    }

    /** Cancels the job if the cluster runs it; a job that is gone or ended needs nothing. */
    public static void cancel(FlinkSessionJob job, FlinkRestClient flink) {
        JobStatus jobStatus = job.getStatus() == null ? null : job.getStatus().jobStatus;
        if (jobStatus == null || jobStatus.jobId == null) {
            return;
        }
        boolean running = flink.jobs().stream()
                .anyMatch(j -> j.jobId().equals(jobStatus.jobId) && !j.state().isGloballyTerminal());
        if (running) {
            flink.cancelJob(jobStatus.jobId);
        }
    }

    private static JobObserver.Outcome failed(FlinkSessionJobStatus status, String message) {
        status.error = message;
        return new JobObserver.Outcome(false, message);
    }
}
