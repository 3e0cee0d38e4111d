package dev.flinkoperator.crd.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Status fields FlinkDeployment and FlinkSessionJob share. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class CommonStatus {
    @JsonPropertyDescription("State of the Flink job as last observed.")
    public JobStatus jobStatus;

    @JsonPropertyDescription("Last error that needs the user's attention; empty when healthy.")
    public String error;

    @JsonPropertyDescription("Lifecycle of the resource: CREATED, DEPLOYED, STABLE, UPGRADING, SUSPENDED, FAILED, "
            + "ROLLING_BACK, ROLLED_BACK, DELETING, DELETED.")
    public ResourceLifecycleState lifecycleState;

    @JsonPropertyDescription("metadata.generation of the spec this status describes.")
    public Long observedGeneration;

    @JsonPropertyDescription("What the operator last deployed and how far it got.")
    public ReconciliationStatus reconciliationStatus;
}
