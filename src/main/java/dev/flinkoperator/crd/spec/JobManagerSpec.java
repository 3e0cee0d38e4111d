package dev.flinkoperator.crd.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** JobManager settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobManagerSpec {
    @JsonPropertyDescription("CPU and memory of the JobManager (Flink-style memory such as 2048m or a Kubernetes quantity such as 2Gi).")
    public Resource resource;

    @JsonPropertyDescription("Kubernetes resource requests and limits of the JobManager container; takes precedence over resource.")
    public ResourceRequirements resources;

    @JsonPropertyDescription("Number of JobManager replicas; more than 1 requires high availability. Default 1.")
    public Integer replicas;

    @JsonPropertyDescription("Pod template for the JobManager, merged over the top-level podTemplate.")
    @SchemaFrom(type = PodTemplateSchema.class)
    @PreserveUnknownFields
    public Pod podTemplate;
}
