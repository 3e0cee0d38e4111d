package dev.flinkoperator.lifecycle;

import dev.flinkoperator.config.OperatorConfig;
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
        Duration cleanupTimeout,
        String savepointDirectory,
        String checkpointDirectory,
        boolean kubernetesHa,
        String checkpointRetention) {

    static final String LAST_STATE_FALLBACK = "kubernetes.operator.job.upgrade.last-state-fallback.enabled";
    static final String SAVEPOINT_ON_DELETION = "kubernetes.operator.job.savepoint-on-deletion";
    static final String CLEANUP_TIMEOUT = "kubernetes.operator.resource.cleanup.timeout";
    public static final String CHECKPOINT_RETENTION = "execution.checkpointing.externalized-checkpoint-retention";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|sec|min|m|h|d)?");

    public static JobSettings of(Map<String, String> flinkConfig, OperatorConfig operator) {
        return new JobSettings(
                bool(flinkConfig.get(LAST_STATE_FALLBACK), operator.job().upgrade().lastStateFallback()),
                bool(flinkConfig.get(SAVEPOINT_ON_DELETION), operator.job().savepointOnDeletion()),
                duration(flinkConfig.get(CLEANUP_TIMEOUT), operator.resource().cleanup().timeout()),
                first(flinkConfig, "execution.checkpointing.savepoint-dir", "state.savepoints.dir"),
                first(flinkConfig, "execution.checkpointing.dir", "state.checkpoints.dir"),
                isKubernetesHa(first(flinkConfig, "high-availability.type", "high-availability")),
                flinkConfig.get(CHECKPOINT_RETENTION));
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
