package dev.flinkoperator.lifecycle;

import dev.flinkoperator.config.OperatorConfig;
import dev.flinkoperator.flink.SnapshotFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one resource's job is upgraded, stopped and deleted: the operator's defaults, overridden by the same keys in
 * the resource's flinkConfiguration (as the Apache operator allows), plus the Flink settings that decide where state
 * goes.
 */
public record JobSettings(
        boolean lastStateFallback,
        boolean savepointOnDeletion,
        boolean restartFailed,
        boolean rollbackEnabled,
        Duration readinessTimeout,
        Duration stableAfter,
        Duration cleanupTimeout,
        String savepointDirectory,
        String checkpointDirectory,
        boolean kubernetesHa,
        String checkpointRetention,
        SnapshotFormat savepointFormat,
        Snapshots snapshots) {

    /** When savepoints are taken without being asked for, and how many of the operator's savepoints are kept. */
    public record Snapshots(Duration periodicSavepoint, Duration periodicCheckpoint, int historyMaxCount,
            Duration historyMaxAge) {
        public static final Snapshots DEFAULT = new Snapshots(Duration.ZERO, Duration.ZERO, 10, Duration.ofHours(24));
    }

    static final String LAST_STATE_FALLBACK = "kubernetes.operator.job.upgrade.last-state-fallback.enabled";
    static final String SAVEPOINT_ON_DELETION = "kubernetes.operator.job.savepoint-on-deletion";
    static final String RESTART_FAILED = "kubernetes.operator.job.restart.failed";
    static final String ROLLBACK = "kubernetes.operator.deployment.rollback.enabled";
    static final String READINESS_TIMEOUT = "kubernetes.operator.deployment.readiness.timeout";
    static final String STABLE_AFTER = "kubernetes.operator.job.stable-after";
    static final String CLEANUP_TIMEOUT = "kubernetes.operator.resource.cleanup.timeout";
    public static final String CHECKPOINT_RETENTION = "execution.checkpointing.externalized-checkpoint-retention";
    static final String SAVEPOINT_FORMAT = "kubernetes.operator.savepoint.format.type";
    static final String PERIODIC_SAVEPOINT = "kubernetes.operator.periodic.savepoint.interval";
    static final String PERIODIC_CHECKPOINT = "kubernetes.operator.periodic.checkpoint.interval";
    static final String HISTORY_MAX_COUNT = "kubernetes.operator.savepoint.history.max.count";
    static final String HISTORY_MAX_AGE = "kubernetes.operator.savepoint.history.max.age";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|sec|min|m|h|d)?");

    public static JobSettings of(Map<String, String> flinkConfig, OperatorConfig operator) {
        return new JobSettings(
                bool(flinkConfig.get(LAST_STATE_FALLBACK), operator.job().upgrade().lastStateFallback()),
                bool(flinkConfig.get(SAVEPOINT_ON_DELETION), operator.job().savepointOnDeletion()),
                bool(flinkConfig.get(RESTART_FAILED), operator.job().restart().failed()),
                bool(flinkConfig.get(ROLLBACK), operator.deployment().rollback().enabled()),
                duration(flinkConfig.get(READINESS_TIMEOUT), operator.deployment().readiness().timeout()),
                duration(flinkConfig.get(STABLE_AFTER), operator.job().stableAfter()),
                duration(flinkConfig.get(CLEANUP_TIMEOUT), operator.resource().cleanup().timeout()),
                first(flinkConfig, "execution.checkpointing.savepoint-dir", "state.savepoints.dir"),
                first(flinkConfig, "execution.checkpointing.dir", "state.checkpoints.dir"),
                isKubernetesHa(first(flinkConfig, "high-availability.type", "high-availability")),
                flinkConfig.get(CHECKPOINT_RETENTION),
                format(flinkConfig.get(SAVEPOINT_FORMAT)),
                new Snapshots(
                        duration(flinkConfig.get(PERIODIC_SAVEPOINT), operator.periodic().savepoint().interval()),
                        duration(flinkConfig.get(PERIODIC_CHECKPOINT), operator.periodic().checkpoint().interval()),
                        count(flinkConfig.get(HISTORY_MAX_COUNT), operator.savepoint().history().maxCount()),
                        duration(flinkConfig.get(HISTORY_MAX_AGE), operator.savepoint().history().maxAge())));
    }

    /** CANONICAL unless NATIVE is asked for (state backends such as Flink 2's ForSt take only native savepoints). */
    private static SnapshotFormat format(String value) {
        return value != null && value.trim().equalsIgnoreCase("NATIVE") ? SnapshotFormat.NATIVE : SnapshotFormat.CANONICAL;
    }

    private static int count(String value, int fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** These settings as if high availability were off (for session jobs, whose cluster outlives them). */
    public JobSettings withoutKubernetesHa() {
        return new JobSettings(lastStateFallback, savepointOnDeletion, restartFailed, rollbackEnabled,
                readinessTimeout, stableAfter, cleanupTimeout,
                savepointDirectory, checkpointDirectory, false, checkpointRetention, savepointFormat, snapshots);
    }

    /** Flink's Kubernetes HA, whose metadata (job graphs, checkpoint pointers) lives in ConfigMaps. */
    static boolean isKubernetesHa(String type) {
        return type != null && (type.equalsIgnoreCase("kubernetes") || type.endsWith("KubernetesHaServicesFactory"));
    }

    /** Whether a cancelled job's checkpoints stay on storage (so its latest one can be restored). */
    public boolean retainsCheckpointsOnCancel() {
        return "RETAIN_ON_CANCELLATION".equalsIgnoreCase(checkpointRetention);
    }

    private static String first(Map<String, String> config, String key, String legacyKey) {
        String value = config.get(key);
        return value != null && !value.isBlank() ? value : config.get(legacyKey);
    }

    private static boolean bool(String value, boolean fallback) {
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.trim());
    }

    /** Flink's duration form: a number with an optional unit (ms, s, min, h, d); no unit means milliseconds. */
    static Duration duration(String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "sec" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
