package dev.flinkoperator.crd.status;

/** Flink's job states plus the operator's RECONCILING (no answer from Flink yet). */
public enum FlinkJobState {
    CANCELED, CANCELLING, CREATED, FAILED, FAILING, FINISHED, INITIALIZING, RECONCILING, RESTARTING, RUNNING, SUSPENDED
}
