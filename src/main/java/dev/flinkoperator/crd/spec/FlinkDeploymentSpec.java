package dev.flinkoperator.crd.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/** Desired state of a Flink cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FlinkDeploymentSpec extends AbstractFlinkSpec {
    @JsonPropertyDescription("Flink container image, e.g. flink:1.20 or your job image built on it.")
    public String image;

    @JsonPropertyDescription("Image pull policy of the Flink containers (Always, IfNotPresent, Never).")
    public String imagePullPolicy;

    @JsonPropertyDescription("Kubernetes service account the JobManager and TaskManager pods run as.")
    public String serviceAccount;

    // Kept as a string so an unknown value reaches our validator (clear status error) instead of failing to parse.
    @JsonPropertyDescription("Flink version of the image, e.g. v1_20 or v2_3; decides config file name and options.")
    @SchemaFrom(type = FlinkVersion.class)
    public String flinkVersion;

    @JsonPropertyDescription("Ingress exposing the Flink REST API and web UI.")
    public IngressSpec ingress;

    @JsonPropertyDescription("Pod template applied to both JobManager and TaskManager pods; the container named "
            + "flink-main-container receives the Flink process.")
    @SchemaFrom(type = PodTemplateSchema.class)
    @PreserveUnknownFields
    public Pod podTemplate;

    @JsonPropertyDescription("JobManager settings.")
    public JobManagerSpec jobManager;

    @JsonPropertyDescription("TaskManager settings.")
    public TaskManagerSpec taskManager;

    @JsonPropertyDescription("Logging configuration files by file name (log4j-console.properties, logback-console.xml) "
            + "replacing the defaults.")
    public Map<String, String> logConfiguration;

    @JsonPropertyDescription("native: Flink creates its TaskManager pods itself; standalone: the operator runs a "
            + "TaskManager Deployment. Default native.")
    public KubernetesDeploymentMode mode;
}
