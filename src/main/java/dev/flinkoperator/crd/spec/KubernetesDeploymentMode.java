package dev.flinkoperator.crd.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who creates the TaskManagers: Flink's native Kubernetes integration or the operator (standalone). */
public enum KubernetesDeploymentMode {
    @JsonProperty("native") NATIVE,
    @JsonProperty("standalone") STANDALONE
}
