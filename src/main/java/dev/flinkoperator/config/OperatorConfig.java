package dev.flinkoperator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** All operator settings, under the Apache operator's key names where users know them. */
@ConfigMapping(prefix = "kubernetes.operator")
public interface OperatorConfig {
    Reconcile reconcile();

    LeaderElection leaderElection();

    interface Reconcile {
        /** Every resource is reconciled at least this often, to notice what no watch event reports. */
        @WithDefault("60s")
        Duration interval();
    }

    /** Lets several operator replicas run with one of them active (a Lease in the operator's namespace). */
    interface LeaderElection {
        /** Off by default: one replica needs no lease, and renewing one writes to the API server every few seconds. */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("flink-operator-lease")
        String leaseName();

        /** Namespace of the Lease; by default the operator's own (its service account's, or the kubeconfig's). */
        Optional<String> leaseNamespace();

        @WithDefault("15s")
        Duration leaseDuration();

        @WithDefault("10s")
        Duration renewDeadline();

        @WithDefault("2s")
        Duration retryPeriod();
    }
}
