package dev.flinkoperator.crd.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Which snapshot to take (or record) and of which job. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FlinkStateSnapshotSpec {
    @JsonPropertyDescription("How many times a failed snapshot is retried; -1 retries forever. Default 0.")
    public Integer backoffLimit;

    @JsonPropertyDescription("Set (to {}) to take a checkpoint.")
    public CheckpointSpec checkpoint;

    @JsonPropertyDescription("The FlinkDeployment or FlinkSessionJob whose job is snapshotted.")
    public JobReference jobReference;

    @JsonPropertyDescription("Set to take, or record an existing, savepoint.")
    public SavepointSpec savepoint;

    /** A checkpoint request has no options; the object's presence is the request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CheckpointSpec {
    }

    /** Reference to the resource owning the job. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class JobReference {
        @JsonPropertyDescription("Kind of the referenced resource.")
        public JobKind kind;

        @JsonPropertyDescription("Name of the referenced resource, in the snapshot's namespace.")
        public String name;
    }

    /** Kinds that own a job. */
    public enum JobKind { FlinkDeployment, FlinkSessionJob }

    /** Savepoint options. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SavepointSpec {
        @JsonPropertyDescription("The savepoint at path already exists: record it instead of triggering one.")
        public Boolean alreadyExists;

        @JsonPropertyDescription("Dispose the savepoint data when this resource is deleted.")
        public Boolean disposeOnDelete;

        @JsonPropertyDescription("Savepoint format: CANONICAL or NATIVE.")
        public SavepointFormatType formatType;

        @JsonPropertyDescription("Target directory of a new savepoint, or the path of an existing one.")
        public String path;
    }

    /** Savepoint binary format. */
    public enum SavepointFormatType { CANONICAL, NATIVE, UNKNOWN }
}
