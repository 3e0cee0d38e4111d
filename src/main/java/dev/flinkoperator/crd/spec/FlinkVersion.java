package dev.flinkoperator.crd.spec;

import java.util.Arrays;
import java.util.Optional;

/** Flink versions the CRD accepts. The spec stores the name as a string; {@link #parse} reads it. */
public enum FlinkVersion {
    v1_13, v1_14, v1_15, v1_16, v1_17, v1_18, v1_19, v1_20, v2_0, v2_1, v2_2, v2_3, v2_4;

    /** Oldest version whose configuration keys this operator writes. */
    public static final FlinkVersion MINIMUM_SUPPORTED = v1_17;

    public static Optional<FlinkVersion> parse(String name) {
        return Arrays.stream(values()).filter(v -> v.name().equals(name)).findFirst();
    }

    public boolean isAtLeast(FlinkVersion other) {
        return compareTo(other) >= 0;
    }

    /** Flink 2 reads standard YAML from config.yaml; 1.x reads the legacy flat flink-conf.yaml. */
    public boolean usesStandardYaml() {
        return isAtLeast(v2_0);
    }
}
