package dev.flinkoperator.reconcile;

import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.spec.JobSpec;
import dev.flinkoperator.crd.spec.JobState;
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
import dev.flinkoperator.crd.status.UpgradeProgress;
import dev.flinkoperator.crd.status.UpgradeProgress.StateSource;
import dev.flinkoperator.lifecycle.ApplicationLifecycle;
import dev.flinkoperator.lifecycle.JobSettings;
import dev.flinkoperator.lifecycle.JobStopper;
import dev.flinkoperator.lifecycle.SpecChange;
import dev.flinkoperator.resources.SessionJobConfig;
import java.util.Map;
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
 * stopped as its upgrade mode says ({@link JobStopper}: a cancel, a stop-with-savepoint, or a cancel that keeps the
 * latest checkpoint), and once it has ended a new id is chosen for the new spec, which starts from the state saved,
 * unless the spec suspends the job, which then stays SUSPENDED.</li>
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
        status.jobStatus.upgradeSavepointPath = job.getSpec().job.initialSavepointPath;
        status.lifecycleState = ResourceLifecycleState.CREATED;
        return true;
    }

    /**
     * @return whether the spec asks for a new job since it was last acted on (the status must be written before going
     * on); nonce changes that only ask for a snapshot are not
     */
    public static boolean recordSpecChange(FlinkSessionJob job, Clock clock) {
        FlinkSessionJobStatus status = job.getStatus();
        StateSource source = switch (SpecChange.of(job.getSpec(), status.reconciliationStatus.lastReconciledSpec)) {
            case NONE, FIRST -> null;
            // A session job's parallelism is changed by an upgrade (in-place scaling is for application clusters).
            case UPGRADE, SCALE -> ApplicationLifecycle.sourceFor(job.getSpec().job.upgradeMode);
            case REDEPLOY -> StateSource.INITIAL_SAVEPOINT;
        };
        if (source == null) {
            return false;
        }
        ApplicationLifecycle.beginUpgrade(status, Serialization.asJson(job.getSpec()), source, clock);
        return true;
    }

    /** A new job under a new id; the savepoint history and the state to restore carry over. */
    private static void newJob(FlinkSessionJobStatus status, Clock clock) {
        JobStatus previous = status.jobStatus;
        status.jobStatus = new JobStatus();
        if (previous != null) {
            status.jobStatus.savepointInfo = previous.savepointInfo;
            status.jobStatus.checkpointInfo = previous.checkpointInfo;
            status.jobStatus.upgradeSavepointPath = previous.upgradeSavepointPath;
        }
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
            JobSettings settings, Clock clock) {
        FlinkSessionJobStatus status = job.getStatus();
        String jobId = status.jobStatus.jobId;
        boolean suspend = job.getSpec().job.state == JobState.SUSPENDED;
        try {
            JobOverview known = flink.jobs().stream().filter(j -> j.jobId().equals(jobId)).findFirst().orElse(null);
            if (status.reconciliationStatus.state == ReconciliationState.UPGRADING) {
                return replace(job, known, flink, settings, suspend, clock);
            }
            if (known != null) {
                JobObserver.Outcome observed = JobObserver.record(status, known, flink, stability(settings, clock));
                if (status.jobStatus.state == FlinkJobState.FAILED && settings.restartFailed() && !suspend) {
                    // kubernetes.operator.job.restart.failed: the failed job is replaced as an upgrade would, from
                    // what its upgrade mode can recover (its latest checkpoint, for the stateful modes).
                    ApplicationLifecycle.beginUpgrade(status, status.reconciliationStatus.lastReconciledSpec,
                            ApplicationLifecycle.sourceFor(job.getSpec().job.upgradeMode), clock);
                    return new JobObserver.Outcome(false, observed.failure(), true, null);
                }
                return observed;
            }
            if (suspend) {
                status.lifecycleState = ResourceLifecycleState.SUSPENDED;
                return new JobObserver.Outcome(true, null);
            }
            JobSpec spec = job.getSpec().job;
            String jarId = flink.uploadJar(jars.fetch(spec.jarURI));
            JarRunRequest run = JarRunRequest.fresh(spec.entryClass, spec.args == null ? List.of() : spec.args,
                    spec.parallelism, jobId);
            if (status.jobStatus.upgradeSavepointPath != null) {
                run = run.restoringFrom(status.jobStatus.upgradeSavepointPath,
                        Boolean.TRUE.equals(spec.allowNonRestoredState), null);
            }
            Map<String, String> config = SessionJobConfig.submitted(job);
            flink.runJar(jarId, config.isEmpty() ? run : run.withFlinkConfiguration(config));
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

    // The job marked for replacement is stopped as its upgrade mode says (JobStopper); then the new spec runs under
    // a new id (Flink refuses an id it has run before) from the state that was saved, or the job stays suspended.
    private static JobObserver.Outcome replace(FlinkSessionJob job, JobOverview old, FlinkRestClient flink,
            JobSettings settings, boolean suspend, Clock clock) {
        FlinkSessionJobStatus status = job.getStatus();
        UpgradeProgress upgrade = status.reconciliationStatus.upgrade;
        StateSource source = upgrade == null ? StateSource.NONE : upgrade.stateSource;
        JobStopper.Result stopped = JobStopper.step(status, source, settings, flink, job.getSpec().job.initialSavepointPath,
                clock);
        switch (stopped.kind()) {
            case RECORDED, WAIT -> {
                return JobObserver.Outcome.stepTaken();
            }
            case BLOCKED -> {
                status.error = stopped.message();
                return new JobObserver.Outcome(true, status.error);
            }
            default -> {
                // stopped; what to restore is in jobStatus.upgradeSavepointPath
            }
        }
        status.reconciliationStatus.upgrade = null;
        if (suspend) {
            if (old != null) {
                // It has ended (JobStopper is done only then): record how.
                JobObserver.record(status, old, flink, stability(settings, clock));
            }
            status.reconciliationStatus.state = ReconciliationState.DEPLOYED;
            status.lifecycleState = ResourceLifecycleState.SUSPENDED;
            return new JobObserver.Outcome(true, null);
        }
        newJob(status, clock);
        return JobObserver.Outcome.stepTaken();
    }

    private static JobObserver.Stability stability(JobSettings settings, Clock clock) {
        return new JobObserver.Stability(settings.stableAfter(), clock);
    }

    private static JobObserver.Outcome failed(FlinkSessionJobStatus status, String message) {
        status.error = message;
        return new JobObserver.Outcome(false, message);
    }
}
