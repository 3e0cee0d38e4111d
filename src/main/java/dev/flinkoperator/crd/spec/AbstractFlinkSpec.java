package dev.flinkoperator.crd.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;

/** The fields FlinkDeployment and FlinkSessionJob specs share. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class AbstractFlinkSpec {
    @JsonPropertyDescription("Job to run: set for an application cluster or a session job, omit for a session cluster.")
    public JobSpec job;

    @JsonPropertyDescription("Change this number to restart the cluster or job (following job.upgradeMode) without other spec changes.")
    public Long restartNonce;

    @JsonPropertyDescription("Flink configuration overrides. Flat keys (\"state.savepoints.dir\") and nested YAML "
            + "(state: {savepoints.dir: ...}) are both accepted; nested keys are joined with dots.")
    public JsonNode flinkConfiguration;
}
