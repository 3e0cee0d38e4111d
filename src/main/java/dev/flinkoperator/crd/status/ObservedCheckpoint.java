package dev.flinkoperator.crd.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A completed checkpoint as Flink reported it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObservedCheckpoint {
    @JsonPropertyDescription("Flink's checkpoint id.")
    public Long id;

    @JsonPropertyDescription("Where the checkpoint is (absent when it is not externally addressable).")
    public String path;

    @JsonPropertyDescription("When it was triggered, epoch milliseconds.")
    public Long timeStamp;
}
