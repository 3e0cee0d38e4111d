package dev.flinkoperator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** All operator settings, under the Apache operator's key names where users know them. */
@ConfigMapping(prefix = "kubernetes.operator")
public interface OperatorConfig {
    Reconcile reconcile();

    interface Reconcile {
        /** Every resource is reconciled at least this often, to notice what no watch event reports. */
        @WithDefault("60s")
        Duration interval();
    }
}
