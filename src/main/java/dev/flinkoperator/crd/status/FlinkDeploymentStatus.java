package dev.flinkoperator.crd.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Observed state of a Flink cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FlinkDeploymentStatus extends CommonStatus {
    @JsonPropertyDescription("Flink version, revision and other facts reported by the cluster.")
    public Map<String, String> clusterInfo;

    @JsonPropertyDescription("State of the JobManager Deployment: MISSING, DEPLOYING, DEPLOYED_NOT_READY, READY or ERROR.")
    public JobManagerDeploymentStatus jobManagerDeploymentStatus;

    @JsonPropertyDescription("TaskManager replicas and pod selector (used by the scale subresource).")
    public TaskManagerInfo taskManager;

    @JsonPropertyDescription("Standard conditions; Ready is True when the JobManager is ready.")
    public List<Condition> conditions = new ArrayList<>();
}
