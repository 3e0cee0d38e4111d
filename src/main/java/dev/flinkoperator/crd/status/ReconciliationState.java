package dev.flinkoperator.crd.status;

/** Progress of deploying lastReconciledSpec. */
public enum ReconciliationState { DEPLOYED, ROLLED_BACK, ROLLING_BACK, UPGRADING }
