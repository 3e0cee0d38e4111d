package dev.flinkoperator.crd.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Desired state of a job running in a session cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FlinkSessionJobSpec extends AbstractFlinkSpec {
    @JsonPropertyDescription("Name of the session-mode FlinkDeployment, in the same namespace, to run the job in.")
    public String deploymentName;
}
