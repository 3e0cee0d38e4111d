package dev.flinkoperator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server-side printing kubectl asks for (Accept: ...;as=Table;g=meta.k8s.io): a custom resource, or a list of
 * them, as a Table with the CRD's additionalPrinterColumns, as an API server renders it; pods and Services with
 * columns of their own. Without it kubectl shows only NAME and AGE.
 */
final class PrinterTable {
    private PrinterTable() {
    }

    // Pods and Services as the sandbox's node reports them: STATUS/READY/RESTARTS, and the local address of a Service
    private static final Pattern CORE = Pattern.compile("^/api/v1(?:/namespaces/[^/]+)?/(pods|services)(?:/[^/]+)?$");
    private static final Map<String, JsonNode> BUILT_IN = Map.of(
            "pods", columns("Ready", ".status.containerStatuses.0.ready", "Status", ".status.phase",
                    "Reason", ".status.containerStatuses.0.state.waiting.reason",
                    "Restarts", ".status.containerStatuses.0.restartCount"),
            "services", columns("Type", ".spec.type", "Cluster-IP", ".spec.clusterIP",
                    "External-IP", ".status.loadBalancer.ingress.0.ip",
                    "Local-Port", ".status.loadBalancer.ingress.0.ports.0.port"));

    /** Printer columns for the built-in kinds whose status the sandbox's node writes; null for others. */
    static JsonNode builtInColumns(String path) {
        Matcher m = CORE.matcher(path);
        return m.matches() ? BUILT_IN.get(m.group(1)) : null;
    }

    private static JsonNode columns(String... nameAndPath) {
        ArrayNode columns = Serialization.jsonMapper().createArrayNode();
        for (int i = 0; i < nameAndPath.length; i += 2) {
            columns.addObject().put("name", nameAndPath[i]).put("type", "string").put("jsonPath", nameAndPath[i + 1]);
        }
        return columns;
    }

    static boolean wanted(String accept) {
        return accept != null && accept.contains("as=Table");
    }

    /** @param columns the CRD version's additionalPrinterColumns; @param body an object or a list of them */
    static JsonNode of(JsonNode columns, JsonNode body, Instant now) {
        ObjectNode table = Serialization.jsonMapper().createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", body.path("metadata").path("resourceVersion").asText(""));
        ArrayNode definitions = table.putArray("columnDefinitions");
        definitions.addObject().put("name", "Name").put("type", "string").put("format", "name").put("priority", 0)
                .put("description", "Name of the resource");
        for (JsonNode column : columns) {
            if (!"metadata.creationTimestamp".equals(column.path("jsonPath").asText().replaceFirst("^\\.", ""))) {
                definitions.addObject().put("name", column.path("name").asText())
                        .put("type", column.path("type").asText("string")).put("format", "")
                        .put("priority", column.path("priority").asInt(0))
                        .put("description", column.path("description").asText(""));
            }
        }
        definitions.addObject().put("name", "Age").put("type", "date").put("format", "").put("priority", 0)
                .put("description", "Time since creation");
        ArrayNode rows = table.putArray("rows");
        if (body.has("items")) {
            body.path("items").forEach(item -> row(rows, columns, item, now));
        } else {
            row(rows, columns, body, now);
        }
        return table;
    }

    private static void row(ArrayNode rows, JsonNode columns, JsonNode object, Instant now) {
        ObjectNode row = rows.addObject();
        ArrayNode cells = row.putArray("cells");
        cells.add(object.path("metadata").path("name").asText());
        for (JsonNode column : columns) {
            String path = column.path("jsonPath").asText().replaceFirst("^\\.", "");
            if (!"metadata.creationTimestamp".equals(path)) {
                JsonNode value = at(object, path);
                cells.add(value.isMissingNode() || value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString());
            }
        }
        String created = object.path("metadata").path("creationTimestamp").asText("");
        cells.add(created.isEmpty() ? "<unknown>" : age(Duration.between(Instant.parse(created), now)));
        ObjectNode metadata = row.putObject("object");
        metadata.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
        metadata.set("metadata", object.path("metadata"));
    }

    private static JsonNode at(JsonNode node, String dottedPath) {
        JsonNode current = node;
        for (String part : dottedPath.split("\\.")) {
            current = current.isArray() && part.chars().allMatch(Character::isDigit)
                    ? current.path(Integer.parseInt(part)) : current.path(part);
        }
        return current;
    }

    /** Kubernetes' short human durations: 45s, 3m12s, 17m, 5h, 3d. */
    static String age(Duration age) {
        long s = Math.max(0, age.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
        }
        if (s < 3 * 3600) {
            return s / 60 + "m";
        }
        if (s < 48 * 3600) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }
}
