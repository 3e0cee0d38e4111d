package dev.flinkoperator.crd.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * An application cluster's move to lastReconciledSpec, recorded before each step so an operator restarted half-way
 * continues where it stopped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UpgradeProgress {
    /** Steps of replacing an application cluster, or of rescaling its job in place. */
    public enum Step { STOP_JOB, REMOVE_CLUSTER, RESCALE }

    /** Where the next deployment's state comes from. */
    public enum StateSource { NONE, SAVEPOINT, LAST_STATE, INITIAL_SAVEPOINT }

    @JsonPropertyDescription("STOP_JOB: the running job is stopped as its upgrade mode says; REMOVE_CLUSTER: the old "
            + "cluster is being removed before the new one is deployed; RESCALE: the running job is asked to run at "
            + "the new parallelism in place (adaptive scheduler), without a new cluster.")
    public Step step;

    @JsonPropertyDescription("Where the new deployment's state comes from: NONE (start empty), SAVEPOINT (one taken "
            + "while stopping), LAST_STATE (the latest checkpoint) or INITIAL_SAVEPOINT (job.initialSavepointPath, "
            + "after a savepointRedeployNonce change).")
    public StateSource stateSource;

    @JsonPropertyDescription("True when the new JobManager recovers the job's latest checkpoint from Kubernetes "
            + "high-availability metadata under the same job id.")
    public Boolean restoreFromHa;

    @JsonPropertyDescription("When this upgrade began, epoch milliseconds.")
    public Long startedAt;

    public UpgradeProgress() {
    }

    public UpgradeProgress(Step step, StateSource stateSource, long startedAt) {
        this.step = step;
        this.stateSource = stateSource;
        this.startedAt = startedAt;
    }
}
