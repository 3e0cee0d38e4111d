package dev.flinkoperator.crd.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the operator last deployed: the operator's memory across restarts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReconciliationStatus {
    @JsonPropertyDescription("When the last spec was reconciled, epoch milliseconds.")
    public Long reconciliationTimestamp;

    @JsonPropertyDescription("JSON of the spec last deployed.")
    public String lastReconciledSpec;

    @JsonPropertyDescription("JSON of the last spec that became stable (the rollback target).")
    public String lastStableSpec;

    @JsonPropertyDescription("DEPLOYED, UPGRADING, ROLLING_BACK or ROLLED_BACK.")
    public ReconciliationState state;

    @JsonPropertyDescription("The upgrade in progress (application clusters); absent when none is.")
    public UpgradeProgress upgrade;
}
