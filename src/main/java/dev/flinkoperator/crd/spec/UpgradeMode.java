package dev.flinkoperator.crd.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How job state is carried across a redeployment. */
public enum UpgradeMode {
    @JsonProperty("last-state") LAST_STATE,
    @JsonProperty("savepoint") SAVEPOINT,
    @JsonProperty("stateless") STATELESS
}
