package dev.flinkoperator.crd.status;

/** Why a snapshot was taken. */
public enum SnapshotTriggerType { MANUAL, PERIODIC, UNKNOWN, UPGRADE }
