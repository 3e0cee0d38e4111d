package dev.flinkoperator.flink;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /config}: the web dashboard's settings, which is where Flink tells its version. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record DashboardConfig(
        @JsonProperty("flink-version") String flinkVersion,
        @JsonProperty("flink-revision") String flinkRevision) {
}
