package dev.flinkoperator.reconcile;

import dev.flinkoperator.crd.status.CommonStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.crd.status.Savepoint;
import dev.flinkoperator.crd.status.UpgradeProgress.StateSource;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.FlinkRestException;
import dev.flinkoperator.lifecycle.JobStopper;
import dev.flinkoperator.lifecycle.JobSettings;
import dev.flinkoperator.lifecycle.SavepointRecords;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Instant;

/**
 * Stops a deleted resource's job (an application's, before its cluster goes, or a session job's): a cancel, or with
 * {@code kubernetes.operator.job.savepoint-on-deletion} a stop-with-savepoint whose path is named in an event. Never
 * waits longer than {@code kubernetes.operator.resource.cleanup.timeout} from the deletion, nor at all for a
 * JobManager that cannot be reached: the cluster is then removed anyway and an event says so.
 */
final class JobDeletion {
    private JobDeletion() {
    }

    /** @return true when the cluster may be removed now */
    static boolean stop(HasMetadata deployment, CommonStatus status, JobSettings settings, FlinkRestClient flink,
            EventRecorder events, Clock clock) {
        if (status == null || status.jobStatus == null || status.jobStatus.jobId == null
                || status.lifecycleState == ResourceLifecycleState.SUSPENDED) {
            return true;
        }
        if (flink == null) {
            if (status.jobStatus.startTime != null) {
                events.warning(deployment, "JobNotStopped", "The JobManager cannot be reached; the cluster is "
                        + "removed without stopping job " + status.jobStatus.jobId + " first");
            }
            return true;
        }
        Instant deadline = Instant.parse(deployment.getMetadata().getDeletionTimestamp())
                .plus(settings.cleanupTimeout());
        if (clock.instant().isAfter(deadline)) {
            events.warning(deployment, "JobNotStopped", "Job " + status.jobStatus.jobId + " did not stop within "
                    + settings.cleanupTimeout() + " of the deletion; its cluster is removed anyway");
            return true;
        }
        status.lifecycleState = ResourceLifecycleState.DELETING;
        Savepoint before = SavepointRecords.of(status.jobStatus).lastSavepoint;
        JobStopper.Result result;
        try {
            result = JobStopper.step(status, settings.savepointOnDeletion() ? StateSource.SAVEPOINT : StateSource.NONE,
                    settings, flink, null, clock);
        } catch (FlinkRestException e) {
            events.warning(deployment, "JobNotStopped", "Job " + status.jobStatus.jobId + " could not be stopped ("
                    + e.getMessage() + "); its cluster is removed anyway");
            return true;
        }
        switch (result.kind()) {
            case WAIT, RECORDED:
                return false;
            case BLOCKED:
                events.warning(deployment, "JobNotStopped", result.message());
                return true;
            default:
                Savepoint last = SavepointRecords.of(status.jobStatus).lastSavepoint;
                if (last != null && last != before) {
                    events.normal(deployment, "SavepointOnDeletion", "Job " + status.jobStatus.jobId
                            + " stopped with a savepoint at " + last.location);
                }
                return true;
        }
    }
}
