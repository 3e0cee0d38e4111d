package dev.flinkoperator.crd.status;

/** Flink checkpoint types. */
public enum CheckpointType { FULL, INCREMENTAL, UNKNOWN }
