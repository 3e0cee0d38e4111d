package dev.flinkoperator.lifecycle;

import dev.flinkoperator.crd.status.JobStatus;
import dev.flinkoperator.crd.status.Savepoint;
import dev.flinkoperator.crd.status.SavepointInfo;
import dev.flinkoperator.crd.status.SnapshotTriggerType;
import dev.flinkoperator.crd.spec.FlinkStateSnapshotSpec.SavepointFormatType;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.SnapshotFormat;

/** Keeps status.jobStatus.savepointInfo: the trigger in flight, the last savepoint and the history. */
public final class SavepointRecords {
    private SavepointRecords() {
    }

    public static SavepointInfo of(JobStatus jobStatus) {
        if (jobStatus.savepointInfo == null) {
            jobStatus.savepointInfo = new SavepointInfo();
        }
        return jobStatus.savepointInfo;
    }

    /** Records a trigger id before the savepoint is asked for, so a retried trigger is the same operation. */
    public static String recordTrigger(JobStatus jobStatus, SnapshotTriggerType type, SnapshotFormat format,
            long now) {
        SavepointInfo info = of(jobStatus);
        info.formatType = SavepointFormatType.valueOf(format.name());
        info.triggerId = FlinkRestClient.newTriggerId();
        info.triggerType = type;
        info.triggerTimestamp = now;
        return info.triggerId;
    }

    public static void clearTrigger(JobStatus jobStatus) {
        SavepointInfo info = of(jobStatus);
        info.triggerId = null;
        info.triggerType = null;
        info.triggerTimestamp = null;
        info.formatType = null;
    }

    /** The savepoint in flight completed at {@code location}: it becomes the last one and joins the history. */
    public static Savepoint completed(JobStatus jobStatus, String location, long now, Long nonce) {
        SavepointInfo info = of(jobStatus);
        Savepoint savepoint = new Savepoint();
        savepoint.location = location;
        savepoint.timeStamp = now;
        savepoint.triggerType = info.triggerType == null ? SnapshotTriggerType.UNKNOWN : info.triggerType;
        savepoint.formatType = info.formatType;
        savepoint.triggerNonce = nonce;
        info.lastSavepoint = savepoint;
        info.savepointHistory.add(savepoint);
        clearTrigger(jobStatus);
        return savepoint;
    }
}
