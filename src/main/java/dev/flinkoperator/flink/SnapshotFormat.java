package dev.flinkoperator.flink;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How a savepoint is written: CANONICAL works across state backends, NATIVE is faster to take and restore. */
@RegisterForReflection
public enum SnapshotFormat { CANONICAL, NATIVE }
