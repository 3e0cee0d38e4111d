package dev.flinkoperator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Flink configuration directory's settings as flat keys: config.yaml (Flink 2, nested YAML allowed) or the legacy
 * flink-conf.yaml, then the "-D key=value" dynamic properties that override them, as Flink itself reads them.
 */
final class FlinkConfFile {
    static final List<String> FILE_NAMES = List.of("config.yaml", "flink-conf.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private FlinkConfFile() {
    }

    /** The configuration file in {@code confDir}, or null when there is none. */
    static Path find(Path confDir) {
        return FILE_NAMES.stream().map(confDir::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
    }

    static Map<String, String> read(Path confDir, List<String> dynamicProperties) throws IOException {
        Map<String, String> config = new TreeMap<>();
        Path file = find(confDir);
        if (file != null) {
            JsonNode tree = YAML.readTree(Files.readString(file));
            if (tree != null) {
                flatten("", tree, config);
            }
        }
        for (int i = 0; i + 1 < dynamicProperties.size(); i++) {
            if (dynamicProperties.get(i).equals("-D")) {
                String property = dynamicProperties.get(++i);
                int eq = property.indexOf('=');
                if (eq > 0) {
                    config.put(property.substring(0, eq), property.substring(eq + 1));
                }
            }
        }
        return config;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else if (node.isArray()) {
            List<String> items = new java.util.ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            out.put(prefix, String.join(";", items));
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }
}
