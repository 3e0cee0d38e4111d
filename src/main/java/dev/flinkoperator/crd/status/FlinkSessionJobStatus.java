package dev.flinkoperator.crd.status;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Observed state of a session job. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FlinkSessionJobStatus extends CommonStatus {
}
