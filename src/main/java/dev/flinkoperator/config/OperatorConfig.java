package dev.flinkoperator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** All operator settings, under the Apache operator's key names where users know them. */
@ConfigMapping(prefix = "kubernetes.operator")
public interface OperatorConfig {
    Reconcile reconcile();

    LeaderElection leaderElection();

    Flink flink();

    /** How the operator talks to the Flink clusters it runs. */
    interface Flink {
        Client client();

        /**
         * How the operator reaches a cluster's REST API: CLUSTER_DNS (http://&lt;name&gt;-rest.&lt;namespace&gt;:8081, for an
         * operator inside the cluster) or LOAD_BALANCER (the address in the REST Service's status.loadBalancer, for an
         * operator outside it, and in the sandbox).
         */
        @WithDefault("cluster-dns")
        RestAccess restAccess();

        interface Client {
            /** The longest one call to a JobManager's REST API may take, connecting included. */
            @WithDefault("10s")
            Duration timeout();
        }
    }

    enum RestAccess { CLUSTER_DNS, LOAD_BALANCER }

    Observer observer();

    /** Defaults for how jobs are upgraded, stopped and deleted; each resource may override them in flinkConfiguration. */
    Job job();

    Resource resource();

    Periodic periodic();

    Deployment deployment();

    interface Deployment {
        Rollback rollback();

        Readiness readiness();

        interface Rollback {
            /** Deploy lastStableSpec again when a new spec's job is not running within the readiness timeout. */
            @WithDefault("false")
            boolean enabled();
        }

        interface Readiness {
            /** How long a new spec's job has to run before a rollback (when enabled). */
            @WithDefault("5m")
            Duration timeout();
        }
    }

    Savepoint savepoint();

    interface Periodic {
        Interval savepoint();

        Interval checkpoint();

        interface Interval {
            /** Take a savepoint (checkpoint) of each running job this often; 0 for never. */
            @WithDefault("0s")
            Duration interval();
        }
    }

    interface Savepoint {
        History history();

        /** The operator's savepoints beyond these limits are disposed (the latest one never is). */
        interface History {
            @WithName("max.count")
            @WithDefault("10")
            int maxCount();

            @WithName("max.age")
            @WithDefault("24h")
            Duration maxAge();
        }
    }

    interface Job {
        Upgrade upgrade();

        Restart restart();

        interface Restart {
            /** Redeploy a failed job (following its upgrade mode) instead of leaving it FAILED. */
            @WithDefault("false")
            boolean failed();
        }

        /**
         * A running job counts as STABLE (and its spec becomes the rollback target) once none of its tasks changed
         * state for this long; a job that keeps restarting never does.
         */
        @WithName("stable-after")
        @WithDefault("30s")
        Duration stableAfter();

        /** Delete a job with stop-with-savepoint instead of a cancel, and name the savepoint in an event. */
        @WithName("savepoint-on-deletion")
        @WithDefault("false")
        boolean savepointOnDeletion();

        interface Upgrade {
            /** A savepoint upgrade of a job that is not running may use its latest checkpoint instead. */
            @WithName("last-state-fallback.enabled")
            @WithDefault("true")
            boolean lastStateFallback();
        }
    }

    interface Resource {
        Cleanup cleanup();

        interface Cleanup {
            /** The longest a deletion waits for its job to stop before it removes the cluster anyway. */
            @WithDefault("5m")
            Duration timeout();
        }
    }

    interface Reconcile {
        /** Every resource is reconciled at least this often, to notice what no watch event reports. */
        @WithDefault("60s")
        Duration interval();
    }

    interface Observer {
        /** How often a cluster is looked at while something is in progress (a job starting, ...). */
        @WithName("progress-check.interval") // the Apache operator's key
        @WithDefault("10s")
        Duration progressCheckInterval();
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
