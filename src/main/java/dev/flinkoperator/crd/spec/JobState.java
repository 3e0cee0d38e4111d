package dev.flinkoperator.crd.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Desired state of a job. */
public enum JobState {
    @JsonProperty("running") RUNNING,
    @JsonProperty("suspended") SUSPENDED
}
