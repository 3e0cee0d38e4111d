package dev.flinkoperator.flink;

import java.util.function.Supplier;

/**
 * An asynchronous operation in {@link FakeFlinkRestClient}: IN_PROGRESS for a set number of polls, then the outcome,
 * worked out (with its effects on jobs and savepoints) at the first poll that completes it, and kept from then on.
 */
final class FakeOperation {
    private final Supplier<OperationStatus> outcome;
    private int inProgressPolls;
    private OperationStatus result;

    FakeOperation(Supplier<OperationStatus> outcome, int inProgressPolls) {
        this.outcome = outcome;
        this.inProgressPolls = inProgressPolls;
    }

    OperationStatus poll() {
        if (result == null && inProgressPolls > 0) {
            inProgressPolls--;
            return OperationStatus.inProgress();
        }
        if (result == null) {
            result = outcome.get();
        }
        return result;
    }
}
