package dev.flinkoperator.validation;

import dev.flinkoperator.crd.FlinkStateSnapshot;
import dev.flinkoperator.crd.spec.FlinkStateSnapshotSpec;
import java.util.ArrayList;
import java.util.List;

/** Decides whether a FlinkStateSnapshot says unambiguously what to take or record, and of which job. */
public final class FlinkStateSnapshotValidator {
    private FlinkStateSnapshotValidator() {
    }

    public static List<String> validate(FlinkStateSnapshot snapshot) {
        FlinkStateSnapshotSpec spec = snapshot.getSpec();
        if (spec == null) {
            return List.of("spec is missing");
        }
        List<String> errors = new ArrayList<>();
        if ((spec.savepoint == null) == (spec.checkpoint == null)) {
            errors.add("exactly one of spec.savepoint and spec.checkpoint must be set");
        }
        if (spec.backoffLimit != null && spec.backoffLimit < -1) {
            errors.add("spec.backoffLimit must be -1 (retry forever), 0 or more, not " + spec.backoffLimit);
        }
        if (recordsExisting(spec)) {
            if (spec.savepoint.path == null || spec.savepoint.path.isBlank()) {
                errors.add("spec.savepoint.path is required with alreadyExists: true (the savepoint to record)");
            }
            return errors;
        }
        if (spec.jobReference == null || spec.jobReference.name == null || spec.jobReference.name.isBlank()
                || spec.jobReference.kind == null) {
            errors.add("spec.jobReference (kind FlinkDeployment or FlinkSessionJob, and name) is required "
                    + "to take a snapshot");
        }
        return errors;
    }

    /** The resource records a savepoint taken earlier instead of asking Flink for a new one. */
    public static boolean recordsExisting(FlinkStateSnapshotSpec spec) {
        return spec.savepoint != null && Boolean.TRUE.equals(spec.savepoint.alreadyExists);
    }
}
