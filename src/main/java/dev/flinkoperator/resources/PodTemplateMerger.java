package dev.flinkoperator.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Merges the top-level podTemplate with a component's podTemplate. Objects merge key by key, the component winning;
 * lists whose items all carry a name (containers, volumes, env, ports, ...) merge item by item on that name, so a
 * component template can add a volume mount to flink-main-container without repeating the rest; other lists are
 * replaced by the component's.
 */
public final class PodTemplateMerger {
    private PodTemplateMerger() {
    }

    public static Pod merge(Pod base, Pod override) {
        if (base == null && override == null) {
            return new Pod();
        }
        if (base == null || override == null) {
            return copy(base == null ? override : base);
        }
        ObjectNode merged = toTree(base);
        mergeInto(merged, toTree(override));
        return Serialization.jsonMapper().convertValue(merged, Pod.class);
    }

    public static Pod copy(Pod pod) {
        return Serialization.jsonMapper().convertValue(toTree(pod), Pod.class);
    }

    private static ObjectNode toTree(Pod pod) {
        return Serialization.jsonMapper().valueToTree(pod);
    }

    private static void mergeInto(ObjectNode target, ObjectNode source) {
        for (Map.Entry<String, JsonNode> field : source.properties()) {
            JsonNode existing = target.get(field.getKey());
            JsonNode incoming = field.getValue();
            if (existing instanceof ObjectNode existingObject && incoming instanceof ObjectNode incomingObject) {
                mergeInto(existingObject, incomingObject);
            } else if (existing instanceof ArrayNode existingArray && incoming instanceof ArrayNode incomingArray
                    && allNamed(existingArray) && allNamed(incomingArray)) {
                target.set(field.getKey(), mergeByName(existingArray, incomingArray));
            } else {
                target.set(field.getKey(), incoming.deepCopy());
            }
        }
    }

    private static ArrayNode mergeByName(ArrayNode base, ArrayNode override) {
        ArrayNode result = base.deepCopy();
        List<JsonNode> additions = new ArrayList<>();
        for (JsonNode item : override) {
            ObjectNode match = findByName(result, item.get("name").asText());
            if (match != null) {
                mergeInto(match, (ObjectNode) item);
            } else {
                additions.add(item.deepCopy());
            }
        }
        additions.forEach(result::add);
        return result;
    }

    private static ObjectNode findByName(ArrayNode items, String name) {
        for (Iterator<JsonNode> it = items.elements(); it.hasNext(); ) {
            JsonNode item = it.next();
            if (name.equals(item.get("name").asText())) {
                return (ObjectNode) item;
            }
        }
        return null;
    }

    private static boolean allNamed(ArrayNode items) {
        if (items.isEmpty()) {
            return false;
        }
        for (JsonNode item : items) {
            if (!item.isObject() || !item.hasNonNull("name")) {
                return false;
            }
        }
        return true;
    }
}
