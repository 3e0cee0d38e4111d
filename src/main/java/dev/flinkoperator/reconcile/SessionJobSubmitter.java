package dev.flinkoperator.reconcile;

import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.spec.JobSpec;
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
 * Runs a FlinkSessionJob's job on its session cluster. The job id is chosen and recorded in the status before
 * anything is submitted ({@link #chooseJobId}); submission then runs the job under that id, so a retried or restarted
 * reconcile finds the job instead of submitting a second one.
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
        status.jobStatus = new JobStatus();
        status.jobStatus.jobId = FlinkRestClient.newTriggerId(); // Flink's job ids have the same form
        status.jobStatus.state = FlinkJobState.RECONCILING;
        status.reconciliationStatus = new ReconciliationStatus();
        status.reconciliationStatus.lastReconciledSpec = Serialization.asJson(job.getSpec());
        status.reconciliationStatus.reconciliationTimestamp = clock.millis();
        status.reconciliationStatus.state = ReconciliationState.UPGRADING;
        status.lifecycleState = ResourceLifecycleState.CREATED;
        return true;
    }

    /** Submits the recorded job if the cluster does not know it, else records what Flink says of it. */
    public static JobObserver.Outcome submitOrObserve(FlinkSessionJob job, FlinkRestClient flink, JarSource jars) {
        FlinkSessionJobStatus status = job.getStatus();
        String jobId = status.jobStatus.jobId;
        try {
            JobOverview known = flink.jobs().stream().filter(j -> j.jobId().equals(jobId)).findFirst().orElse(null);
            if (known != null) {
                status.reconciliationStatus.state = ReconciliationState.DEPLOYED;
                return JobObserver.record(status, known, flink);
            }
            JobSpec spec = job.getSpec().job;
            String jarId = flink.uploadJar(jars.fetch(spec.jarURI));
            flink.runJar(jarId, JarRunRequest.fresh(spec.entryClass, spec.args == null ? List.of() : spec.args,
                    spec.parallelism, jobId));
            status.lifecycleState = ResourceLifecycleState.DEPLOYED;
            status.reconciliationStatus.state = ReconciliationState.DEPLOYED;
            status.error = null;
            return new JobObserver.Outcome(false, null);
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
