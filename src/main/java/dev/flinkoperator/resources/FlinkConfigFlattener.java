package dev.flinkoperator.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Turns flinkConfiguration (flat keys or nested YAML, any scalar types) into Flink's flat string map. */
public final class FlinkConfigFlattener {
    private FlinkConfigFlattener() {
    }

    /** @throws InvalidSpecException when flinkConfiguration is not a map */
    public static SortedMap<String, String> flatten(JsonNode configuration) {
        SortedMap<String, String> flat = new TreeMap<>();
        if (configuration == null || configuration.isNull()) {
            return flat;
        }
        if (!configuration.isObject()) {
            throw new InvalidSpecException("spec.flinkConfiguration must be a map of Flink options, got "
                    + configuration.getNodeType().name().toLowerCase());
        }
        walk("", configuration, flat);
        return flat;
    }

    private static void walk(String prefix, JsonNode node, Map<String, String> flat) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                walk(key, value, flat);
            } else if (value.isArray()) {
                flat.put(key, joinList(value));
            } else if (!value.isNull()) {
                flat.put(key, value.asText());
            }
        }
    }

    // Flink's flat syntax for list options separates items with ';'.
    private static String joinList(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
        return String.join(";", items);
    }
}
