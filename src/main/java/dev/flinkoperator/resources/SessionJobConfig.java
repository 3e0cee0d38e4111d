package dev.flinkoperator.resources;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.spec.UpgradeMode;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Flink configuration a session job runs with: its session cluster's, overridden by the job's own
 * flinkConfiguration (which Flink takes with the job's submission).
 */
public final class SessionJobConfig {
    private SessionJobConfig() {
    }

    /** @throws InvalidSpecException when either configuration cannot be read */
    public static SortedMap<String, String> effective(FlinkSessionJob job, FlinkDeployment session) {
        SortedMap<String, String> config = new TreeMap<>();
        if (session != null && session.getSpec() != null) {
            config.putAll(FlinkConfigFlattener.flatten(session.getSpec().flinkConfiguration));
        }
        config.putAll(submitted(job));
        return config;
    }

    /** What is sent with the job's submission: its own options, plus what its upgrade mode needs. */
    public static SortedMap<String, String> submitted(FlinkSessionJob job) {
        SortedMap<String, String> config = new TreeMap<>(FlinkConfigFlattener.flatten(job.getSpec().flinkConfiguration));
        UpgradeMode mode = job.getSpec().job == null ? null : job.getSpec().job.upgradeMode;
        if (mode != null && mode != UpgradeMode.STATELESS) {
            // A last-state upgrade (and a savepoint upgrade falling back to it) cancels the job and restores its
            // latest checkpoint, which must outlive the cancel.
            config.putIfAbsent("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        }
        return config;
    }
}
