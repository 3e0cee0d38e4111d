package dev.flinkoperator.reconcile;

import dev.flinkoperator.bundle.OperatorBundle;
import dev.flinkoperator.crd.FlinkStateSnapshot;
import dev.flinkoperator.crd.status.FlinkStateSnapshotStatus;
import dev.flinkoperator.crd.status.FlinkStateSnapshotStatus.SnapshotState;
import dev.flinkoperator.validation.FlinkStateSnapshotValidator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Records FlinkStateSnapshots: an existing savepoint ({@code alreadyExists}) is COMPLETED at once with its path; a
 * request for a new snapshot waits as TRIGGER_PENDING for the job lifecycle to take it; a request that cannot be
 * understood is FAILED with the reason, in status and as an event.
 */
@ControllerConfiguration(name = FlinkStateSnapshotReconciler.NAME)
@RBACRule(apiGroups = "", resources = "events", verbs = "create")
@CSVMetadata(bundleName = OperatorBundle.NAME)
public class FlinkStateSnapshotReconciler implements Reconciler<FlinkStateSnapshot> {
    public static final String NAME = "flinkstatesnapshot";

    private final EventRecorder events;
    private final StatusWriter statusWriter;
    private final Clock clock;

    public FlinkStateSnapshotReconciler(EventRecorder events, StatusWriter statusWriter, Clock clock) {
        this.events = events;
        this.statusWriter = statusWriter;
        this.clock = clock;
    }

    @Override
    public UpdateControl<FlinkStateSnapshot> reconcile(FlinkStateSnapshot snapshot, Context<FlinkStateSnapshot> context) {
        if (snapshot.getStatus() == null) {
            snapshot.setStatus(new FlinkStateSnapshotStatus());
        }
        String before = statusWriter.latest(snapshot, FlinkStateSnapshotStatus.class);
        FlinkStateSnapshotStatus status = snapshot.getStatus();
        if (status.state == SnapshotState.COMPLETED || status.state == SnapshotState.ABANDONED) {
            return UpdateControl.noUpdate(); // final: a snapshot that exists is never re-taken or forgotten
        }
        List<String> problems = FlinkStateSnapshotValidator.validate(snapshot);
        if (!problems.isEmpty()) {
            String error = String.join("; ", problems);
            if (!error.equals(status.error)) {
                events.warning(snapshot, "InvalidSpec", error);
            }
            status.error = error;
            status.state = SnapshotState.FAILED;
        } else if (FlinkStateSnapshotValidator.recordsExisting(snapshot.getSpec())) {
            status.error = null;
            status.state = SnapshotState.COMPLETED;
            status.path = snapshot.getSpec().savepoint.path;
            status.resultTimestamp = Instant.now(clock).toString();
        } else {
            status.error = null;
            status.state = SnapshotState.TRIGGER_PENDING;
        }
        statusWriter.write(snapshot, before);
        return UpdateControl.noUpdate();
    }
}
