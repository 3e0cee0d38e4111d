package dev.flinkoperator.crd.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The Flink job an application cluster or session job runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobSpec {
    @JsonPropertyDescription("URI of the job jar: local:///path inside the image, or a remote URI (https://, s3://, ...).")
    public String jarURI;

    @JsonPropertyDescription("Parallelism of the job. Under the adaptive scheduler (jobmanager.scheduler: adaptive) a "
            + "change of it alone rescales the running job in place; otherwise it is an upgrade.")
    public Integer parallelism;

    @JsonPropertyDescription("Fully qualified main class; optional when the jar manifest names one.")
    public String entryClass;

    @JsonPropertyDescription("Arguments passed to the job's main method.")
    public List<String> args;

    @JsonPropertyDescription("Desired state of the job: running or suspended. Default running.")
    public JobState state;

    @JsonPropertyDescription("How state is carried across upgrades: stateless, savepoint or last-state. Default stateless.")
    public UpgradeMode upgradeMode;

    @JsonPropertyDescription("Allow restoring from a savepoint that has state for operators no longer in the job.")
    public Boolean allowNonRestoredState;

    @JsonPropertyDescription("Savepoint to restore from on the first deployment (and on savepointRedeployNonce changes).")
    public String initialSavepointPath;

    @JsonPropertyDescription("Change this number to trigger a manual savepoint.")
    public Long savepointTriggerNonce;

    @JsonPropertyDescription("Change this number to trigger a manual checkpoint.")
    public Long checkpointTriggerNonce;

    @JsonPropertyDescription("Change this number to redeploy the job from initialSavepointPath.")
    public Long savepointRedeployNonce;

    @JsonPropertyDescription("Change this number to reset the autoscaler's collected metrics and overrides.")
    public Long autoscalerResetNonce;
}
