package dev.flinkoperator.crd.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

/** TaskManager settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskManagerSpec {
    @JsonPropertyDescription("CPU and memory of each TaskManager (Flink-style memory such as 2048m or a Kubernetes quantity such as 2Gi).")
    public Resource resource;

    @JsonPropertyDescription("Kubernetes resource requests and limits of each TaskManager container; takes precedence over resource.")
    public ResourceRequirements resources;

    @JsonPropertyDescription("Number of TaskManagers. Standalone application clusters default to ceil(parallelism / slots).")
    @SpecReplicas
    public Integer replicas;

    @JsonPropertyDescription("Pod template for the TaskManagers, merged over the top-level podTemplate.")
    @SchemaFrom(type = PodTemplateSchema.class)
    @PreserveUnknownFields
    public Pod podTemplate;
}
