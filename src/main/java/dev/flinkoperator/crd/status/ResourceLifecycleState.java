package dev.flinkoperator.crd.status;

/** Lifecycle of a FlinkDeployment or FlinkSessionJob as the operator sees it. */
public enum ResourceLifecycleState {
    CREATED, DELETED, DELETING, DEPLOYED, FAILED, ROLLED_BACK, ROLLING_BACK, STABLE, SUSPENDED, UPGRADING
}
