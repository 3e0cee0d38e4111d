package dev.flinkoperator.lifecycle;

import dev.flinkoperator.crd.spec.AbstractFlinkSpec;
import dev.flinkoperator.crd.status.CommonStatus;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.ReconciliationStatus;
import dev.flinkoperator.crd.status.SnapshotTriggerType;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.FlinkRestException;
import java.time.Clock;

/**
 * The snapshots of a running job outside upgrades (FlinkDeployment or FlinkSessionJob): savepoints first
 * ({@link SavepointTriggers}: manual, periodic, history disposal), then checkpoints ({@link CheckpointTriggers}). A
 * manual trigger marks its nonce as acted on in lastReconciledSpec, in the same status write as its trigger id.
 */
public final class RunningJobSnapshots {
    private static final String SAVEPOINT_NONCE = "savepointTriggerNonce";
    private static final String CHECKPOINT_NONCE = "checkpointTriggerNonce";

    private RunningJobSnapshots() {
    }

    public static SavepointTriggers.Result step(CommonStatus status, AbstractFlinkSpec spec, JobSettings settings,
            FlinkRestClient flink, Clock clock) {
        ReconciliationStatus reconciliation = status.reconciliationStatus;
        if (flink == null || status.jobStatus == null || status.jobStatus.state != FlinkJobState.RUNNING
                || reconciliation == null || reconciliation.upgrade != null) {
            return SavepointTriggers.Result.IDLE;
        }
        try {
            SavepointTriggers.Result savepoints = SavepointTriggers.step(status.jobStatus, spec.job,
                    SpecChange.jobNonce(reconciliation.lastReconciledSpec, SAVEPOINT_NONCE), settings, flink, clock);
            if (savepoints.recorded() && status.jobStatus.savepointInfo.triggerType == SnapshotTriggerType.MANUAL) {
                markHandled(reconciliation, SAVEPOINT_NONCE, spec.job.savepointTriggerNonce);
            }
            if (!savepoints.equals(SavepointTriggers.Result.IDLE)) {
                return savepoints;
            }
            SavepointTriggers.Result checkpoints = CheckpointTriggers.step(status.jobStatus, spec.job,
                    SpecChange.jobNonce(reconciliation.lastReconciledSpec, CHECKPOINT_NONCE),
                    settings.snapshots().periodicCheckpoint(), flink, clock);
            if (checkpoints.recorded() && status.jobStatus.checkpointInfo.triggerType == SnapshotTriggerType.MANUAL) {
                markHandled(reconciliation, CHECKPOINT_NONCE, spec.job.checkpointTriggerNonce);
            }
            return checkpoints;
        } catch (FlinkRestException e) {
            // Asked again on the next pass; a JobManager that does not answer is the observer's to report.
            return e.noAnswer() ? SavepointTriggers.Result.BUSY
                    : new SavepointTriggers.Result(false, true, null, "Snapshot step refused: " + e.getMessage());
        }
    }

    private static void markHandled(ReconciliationStatus reconciliation, String field, Long nonce) {
        reconciliation.lastReconciledSpec = SpecChange.withJobNonce(reconciliation.lastReconciledSpec, field, nonce);
    }
}
