package dev.flinkoperator.resources;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Writes a flat Flink configuration as the file the given Flink version reads. */
public final class FlinkConfigRenderer {
    private static final Pattern PLAIN_SCALAR = Pattern.compile("^(-?[0-9]+(\\.[0-9]+)?|true|false)$");

    private FlinkConfigRenderer() {
    }

    /**
     * Keys are written sorted, so equal configurations render byte-identically.
     * Flink 2's config.yaml is real YAML, so every value that is not a plain number or boolean is single-quoted
     * (Flink converts strings to the option's type). Flink 1's flink-conf.yaml is read line by line as "key: value"
     * and takes quotes literally, so values stay raw there.
     */
    public static String render(Map<String, String> config, boolean standardYaml) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(config).forEach((key, value) -> out.append(key).append(": ")
                .append(standardYaml ? yamlScalar(value) : value).append('\n'));
        return out.toString();
    }

    static String yamlScalar(String value) {
        if (PLAIN_SCALAR.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "''").replace("\n", " ") + "'";
    }
}
