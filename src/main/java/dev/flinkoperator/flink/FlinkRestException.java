package dev.flinkoperator.flink;

import java.util.List;

/**
 * A Flink REST call that did not give a usable answer. {@link #failure()} tells whether Flink refused the request
 * (the reconciler should report it) or never answered (the JobManager may just be starting; retry later).
 */
public class FlinkRestException extends RuntimeException {
    /** Why the call failed. */
    public enum Failure {
        /** Flink answered with a non-2xx status; {@link #flinkErrors()} holds its own words. */
        REJECTED,
        /** No connection (refused, unknown host, reset), or the waiting thread was interrupted. */
        UNREACHABLE,
        /** Connected (or tried to) but no answer within the timeout. */
        TIMED_OUT,
        /** Flink answered 2xx with a body this client cannot read. */
        UNREADABLE
    }

    private final Failure failure;
    private final String method;
    private final String path;
    private final int status;
    private final List<String> flinkErrors;

    private FlinkRestException(Failure failure, String method, String path, int status, List<String> flinkErrors,
            String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.method = method;
        this.path = path;
        this.status = status;
        this.flinkErrors = List.copyOf(flinkErrors);
    }

    /** Flink answered {@code status} with {@code {"errors": [...]}}. */
    static FlinkRestException rejected(String method, String path, int status, List<String> flinkErrors) {
        String said = flinkErrors.isEmpty() ? "no error text" : FlinkErrorText.summary(flinkErrors);
        return new FlinkRestException(Failure.REJECTED, method, path, status, flinkErrors,
                method + " " + path + " answered HTTP " + status + ": " + said, null);
    }

    static FlinkRestException noAnswer(Failure failure, String method, String path, String why, Throwable cause) {
        return new FlinkRestException(failure, method, path, 0, List.of(), method + " " + path + ": " + why, cause);
    }

    /** Flink answered 2xx with something this client cannot use. */
    static FlinkRestException unreadable(String method, String path, String what, Throwable cause) {
        return new FlinkRestException(Failure.UNREADABLE, method, path, 0, List.of(),
                method + " " + path + " answered " + what, cause);
    }

    static FlinkRestException unreadable(String method, String path, String what) {
        return unreadable(method, path, what, null);
    }

    public Failure failure() {
        return failure;
    }

    /**
     * The JobManager could not be reached or did not answer in time. Whether Flink acted on the request is unknown,
     * so a retry must be safe to repeat (a trigger with a recorded trigger id is).
     */
    public boolean noAnswer() {
        return failure == Failure.UNREACHABLE || failure == Failure.TIMED_OUT;
    }

    /**
     * Flink answered 404: it does not know the job, jar or trigger id the path names (a trigger id also expires,
     * see {@link FlinkRestClient#newTriggerId()}), or, for checkpoint statistics, the job has checkpointing off.
     */
    public boolean notFound() {
        return status == 404;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The HTTP status Flink refused the call with; 0 when it did not refuse (no answer, unreadable answer). */
    public int status() {
        return status;
    }

    /** Flink's own error texts, in full (often with server-side stack traces). */
    public List<String> flinkErrors() {
        return flinkErrors;
    }
}
