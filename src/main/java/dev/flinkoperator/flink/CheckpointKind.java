package dev.flinkoperator.flink;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a manual checkpoint writes; CONFIGURED follows the job's own checkpointing settings. */
@RegisterForReflection
public enum CheckpointKind { CONFIGURED, FULL, INCREMENTAL }
