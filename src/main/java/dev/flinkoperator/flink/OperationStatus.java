package dev.flinkoperator.flink;

/**
 * The state of an asynchronous Flink operation (savepoint, stop-with-savepoint, checkpoint, savepoint disposal), as
 * one poll of its trigger id found it. {@code location} is the savepoint's path, {@code checkpointId} the manual
 * checkpoint's id; both are null for operations that produce neither. {@code failure} is Flink's cause, shortened.
 */
public record OperationStatus(State state, String location, Long checkpointId, String failure) {
    public enum State { IN_PROGRESS, COMPLETED, FAILED }

    public static OperationStatus inProgress() {
        return new OperationStatus(State.IN_PROGRESS, null, null, null);
    }

    public static OperationStatus completed(String location, Long checkpointId) {
        return new OperationStatus(State.COMPLETED, location, checkpointId, null);
    }

    public static OperationStatus failed(String failure) {
        return new OperationStatus(State.FAILED, null, null, failure);
    }

    public boolean isDone() {
        return state != State.IN_PROGRESS;
    }
}
