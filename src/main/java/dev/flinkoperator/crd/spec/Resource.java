package dev.flinkoperator.crd.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Compact resource description of a Flink process. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Resource {
    @JsonPropertyDescription("Number of CPU cores, e.g. 0.5 or 2.")
    public Double cpu;

    @JsonPropertyDescription("Total process memory: Flink format (1024m, 2g) or Kubernetes quantity (2Gi).")
    public String memory;

    @JsonPropertyDescription("Ephemeral storage, as a Kubernetes quantity (e.g. 10Gi).")
    public String ephemeralStorage;
}
