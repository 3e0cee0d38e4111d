package dev.flinkoperator.flink;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Who owns the snapshot a job starts from: CLAIM lets the job delete it later, NO_CLAIM leaves it alone. LEGACY exists
 * in Flink 1.x only.
 */
@RegisterForReflection
public enum RestoreMode { CLAIM, NO_CLAIM, LEGACY }
