package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A job's state as Flink's REST API names it; UNKNOWN for a state a newer Flink may add. */
@RegisterForReflection
public enum FlinkJobStatus {
    INITIALIZING, CREATED, RUNNING, FAILING, FAILED, CANCELLING, CANCELED, FINISHED, RESTARTING, SUSPENDED,
    RECONCILING,
    @JsonEnumDefaultValue
    UNKNOWN;

    /** The job will not run again in this cluster (SUSPENDED is not: another JobManager may take it over). */
    public boolean isGloballyTerminal() {
        return this == FAILED || this == CANCELED || this == FINISHED;
    }
}
