package dev.flinkoperator.resources;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory amounts as users write them in a FlinkDeployment. Flink's own units come first ("2048m" is 2048 MiB, as in
 * the Apache operator's examples, not 2.048 bytes as Kubernetes would read it); Kubernetes binary suffixes (Ki, Mi,
 * Gi, ...) are accepted too. Single-letter units are binary in either case, as Flink reads them.
 */
public record MemorySize(long bytes) {
    private static final long KIB = 1024L;
    private static final long MIB = KIB * 1024;
    private static final Pattern FORMAT = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)$");
    private static final Map<String, Long> FLINK_UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L), Map.entry("bytes", 1L),
            Map.entry("k", KIB), Map.entry("kb", KIB), Map.entry("kibibytes", KIB),
            Map.entry("m", MIB), Map.entry("mb", MIB), Map.entry("mebibytes", MIB),
            Map.entry("g", MIB * 1024), Map.entry("gb", MIB * 1024), Map.entry("gibibytes", MIB * 1024),
            Map.entry("t", MIB * MIB), Map.entry("tb", MIB * MIB), Map.entry("tebibytes", MIB * MIB));
    private static final Map<String, Long> KUBERNETES_BINARY_UNITS = Map.of(
            "Ki", KIB, "Mi", MIB, "Gi", MIB * 1024, "Ti", MIB * MIB, "Pi", MIB * MIB * 1024, "Ei", MIB * MIB * MIB);

    /** @throws InvalidSpecException naming {@code field} when the text is not a positive memory amount */
    public static MemorySize parse(String text, String field) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new InvalidSpecException(field + " '" + text + "' is not a memory size; use e.g. 2048m, 2g or 2Gi");
        }
        String unit = m.group(2);
        Long multiplier = KUBERNETES_BINARY_UNITS.get(unit);
        if (multiplier == null) {
            multiplier = FLINK_UNITS.get(unit.toLowerCase(Locale.ROOT));
        }
        if (multiplier == null) {
            throw new InvalidSpecException(field + " '" + text + "' has an unknown unit '" + unit
                    + "'; use b, k, m, g, t (Flink) or Ki, Mi, Gi, Ti (Kubernetes)");
        }
        long bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(multiplier)).longValue();
        if (bytes <= 0) {
            throw new InvalidSpecException(field + " '" + text + "' must be more than zero");
        }
        return new MemorySize(bytes);
    }

    /** Flink's notation, e.g. 2048m; exact bytes when not a whole number of MiB. */
    public String toFlinkString() {
        return bytes % MIB == 0 ? (bytes / MIB) + "m" : bytes + "b";
    }

    /** Kubernetes quantity notation, e.g. 2048Mi. */
    public String toKubernetesString() {
        return bytes % MIB == 0 ? (bytes / MIB) + "Mi" : Long.toString(bytes);
    }
}
