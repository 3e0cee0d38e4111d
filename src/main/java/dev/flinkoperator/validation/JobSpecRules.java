package dev.flinkoperator.validation;

import dev.flinkoperator.crd.spec.JobSpec;
import dev.flinkoperator.crd.spec.UpgradeMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Checks of spec.job shared by FlinkDeployment and FlinkSessionJob. */
final class JobSpecRules {
    /** Schemes Flink can fetch a job jar from (local:// is a path inside the image). */
    static final Set<String> JAR_SCHEMES = new TreeSet<>(Set.of(
            "local", "file", "http", "https", "s3", "s3a", "s3p", "gs", "hdfs", "abfs", "abfss", "wasb", "wasbs",
            "oss"));

    private JobSpecRules() {
    }

    static void check(JobSpec job, boolean jarRequired, List<String> errors) {
        if (job.parallelism != null && job.parallelism <= 0) {
            errors.add("spec.job.parallelism must be at least 1, got " + job.parallelism);
        }
        if (job.jarURI == null || job.jarURI.isBlank()) {
            if (jarRequired) {
                errors.add("spec.job.jarURI is required: the job jar to run, e.g. https://host/path/job.jar");
            }
            return;
        }
        String scheme = schemeOf(job.jarURI);
        if (scheme == null) {
            errors.add("spec.job.jarURI '" + job.jarURI + "' has no scheme; use local:///path/in/image.jar or a "
                    + "remote URI (" + String.join(", ", JAR_SCHEMES) + ")");
        } else if (!JAR_SCHEMES.contains(scheme)) {
            errors.add("spec.job.jarURI '" + job.jarURI + "' uses unsupported scheme '" + scheme + "'; supported: "
                    + String.join(", ", JAR_SCHEMES));
        }
    }

    /**
     * A stateful upgrade mode needs somewhere durable for its state: checkpoints for last-state (and for savepoint,
     * which falls back to the latest checkpoint), and savepoints for savepoint.
     */
    static void checkStateDirectories(JobSpec job, Map<String, String> config, List<String> errors) {
        UpgradeMode mode = job.upgradeMode == null ? UpgradeMode.STATELESS : job.upgradeMode;
        if (mode == UpgradeMode.STATELESS) {
            return;
        }
        String name = mode == UpgradeMode.SAVEPOINT ? "savepoint" : "last-state";
        if (!isSet(config, "execution.checkpointing.dir") && !isSet(config, "state.checkpoints.dir")) {
            errors.add("spec.job.upgradeMode " + name + " needs a durable checkpoint directory: set "
                    + "flinkConfiguration state.checkpoints.dir (execution.checkpointing.dir in Flink 2)");
        }
        if (mode == UpgradeMode.SAVEPOINT && !isSet(config, "execution.checkpointing.savepoint-dir")
                && !isSet(config, "state.savepoints.dir")) {
            errors.add("spec.job.upgradeMode savepoint needs a savepoint directory: set flinkConfiguration "
                    + "state.savepoints.dir (execution.checkpointing.savepoint-dir in Flink 2)");
        }
    }

    private static boolean isSet(Map<String, String> config, String key) {
        String value = config.get(key);
        return value != null && !value.isBlank();
    }

    private static String schemeOf(String uri) {
        try {
            String scheme = new URI(uri.trim()).getScheme();
            return scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
