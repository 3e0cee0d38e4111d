package dev.flinkoperator.crd.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;

/** TaskManager facts for the scale subresource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskManagerInfo {
    @JsonPropertyDescription("Label selector of the TaskManager pods.")
    @LabelSelector
    public String labelSelector;

    @JsonPropertyDescription("Number of TaskManagers the cluster is configured for.")
    @StatusReplicas
    public Integer replicas;
}
