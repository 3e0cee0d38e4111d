package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Flink's answers that only the HTTP client reads; callers get the smaller types they are turned into. */
final class FlinkAnswers {
    private FlinkAnswers() {
    }

    /** Every non-2xx answer: {@code {"errors": ["..."]}}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Errors(@JsonProperty("errors") List<String> errors) {
    }

    /** Answer to a trigger of an asynchronous operation. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Trigger(@JsonProperty("request-id") String requestId) {
    }

    /** filename is the uploaded jar's path on the JobManager; its last segment is the jar id. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record JarUpload(@JsonProperty("filename") String filename, @JsonProperty("status") String status) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record JobsOverview(@JsonProperty("jobs") List<JobOverview> jobs) {
    }

    /** The per-vertex entry of {@code /jobs/:jobid/resource-requirements}, in both directions. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record VertexResources(@JsonProperty("parallelism") ParallelismBounds parallelism) {
    }

    /**
     * Status of an asynchronous operation. status.id is IN_PROGRESS or COMPLETED; a COMPLETED operation failed when
     * it has a failure cause.
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OperationState(@JsonProperty("status") QueueStatus status, @JsonProperty("operation") Operation operation) {
        OperationStatus toStatus() {
            if (status == null || !"COMPLETED".equals(status.id())) {
                return OperationStatus.inProgress();
            }
            if (operation == null) {
                return OperationStatus.completed(null, null);
            }
            if (operation.failureCause() != null) {
                return OperationStatus.failed(operation.failureCause().summary());
            }
            return OperationStatus.completed(operation.location(), operation.checkpointId());
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record QueueStatus(@JsonProperty("id") String id) {
    }

    /** Savepoints and disposals spell the cause "failure-cause", checkpoints "failureCause". */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Operation(
            @JsonProperty("location") String location,
            @JsonProperty("checkpointId") Long checkpointId,
            @JsonProperty("failure-cause") @JsonAlias("failureCause") FailureCause failureCause) {
    }

    /** Flink's serialized throwable; the readable part is its stack trace. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FailureCause(@JsonProperty("class") String className, @JsonProperty("stack-trace") String stackTrace) {
        String summary() {
            String text = FlinkErrorText.summary(stackTrace);
            return text.isEmpty() ? String.valueOf(className) : text;
        }
    }
}
