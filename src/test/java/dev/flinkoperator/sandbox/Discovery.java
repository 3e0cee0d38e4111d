package dev.flinkoperator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The discovery documents kubectl reads before it does anything (/version, /api, /apis, and each group version's
 * resource list): the built-in kinds the operator and Flink use, plus every CRD stored in the sandbox.
 */
final class Discovery {
    /** A resource as discovery lists it. */
    record Resource(String name, String kind, boolean namespaced, List<String> shortNames, List<String> subresources) {
    }

    private static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    /** Built-in group versions, "" for the core group. */
    private static final Map<String, List<Resource>> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("v1", List.of(
                new Resource("pods", "Pod", true, List.of("po"), List.of("status", "log")),
                new Resource("services", "Service", true, List.of("svc"), List.of("status")),
                new Resource("configmaps", "ConfigMap", true, List.of("cm"), List.of()),
                new Resource("secrets", "Secret", true, List.of(), List.of()),
                new Resource("serviceaccounts", "ServiceAccount", true, List.of("sa"), List.of()),
                new Resource("events", "Event", true, List.of("ev"), List.of()),
                new Resource("endpoints", "Endpoints", true, List.of("ep"), List.of()),
                new Resource("persistentvolumeclaims", "PersistentVolumeClaim", true, List.of("pvc"), List.of("status")),
                new Resource("namespaces", "Namespace", false, List.of("ns"), List.of("status"))));
        BUILT_IN.put("apps/v1", List.of(
                new Resource("deployments", "Deployment", true, List.of("deploy"), List.of("status", "scale")),
                new Resource("replicasets", "ReplicaSet", true, List.of("rs"), List.of("status", "scale"))));
        BUILT_IN.put("networking.k8s.io/v1", List.of(
                new Resource("ingresses", "Ingress", true, List.of("ing"), List.of("status"))));
        BUILT_IN.put("coordination.k8s.io/v1", List.of(new Resource("leases", "Lease", true, List.of(), List.of())));
        BUILT_IN.put("events.k8s.io/v1", List.of(new Resource("events", "Event", true, List.of("ev"), List.of())));
        BUILT_IN.put("apiextensions.k8s.io/v1", List.of(new Resource("customresourcedefinitions",
                "CustomResourceDefinition", false, List.of("crd", "crds"), List.of("status"))));
    }

    private final Map<String, List<Resource>> groupVersions = new LinkedHashMap<>(BUILT_IN);

    /** @param crds the stored CustomResourceDefinitions (a list document) */
    Discovery(JsonNode crds) {
        for (JsonNode crd : crds.path("items")) {
            JsonNode spec = crd.path("spec");
            for (JsonNode version : spec.path("versions")) {
                if (!version.path("served").asBoolean(true)) {
                    continue;
                }
                List<String> shortNames = new ArrayList<>();
                spec.path("names").path("shortNames").forEach(n -> shortNames.add(n.asText()));
                List<String> sub = new ArrayList<>();
                version.path("subresources").fieldNames().forEachRemaining(sub::add);
                groupVersions.computeIfAbsent(spec.path("group").asText() + "/" + version.path("name").asText(),
                        k -> new ArrayList<>()).add(new Resource(spec.path("names").path("plural").asText(),
                                spec.path("names").path("kind").asText(), "Namespaced".equals(spec.path("scope").asText()),
                                shortNames, sub));
            }
        }
    }

    static JsonNode version() {
        return json(Map.of("major", "1", "minor", "32", "gitVersion", "v1.32.0-flink-operator-sandbox",
                "platform", "linux/amd64"));
    }

    static JsonNode coreVersions(String serverAddress) {
        return json(Map.of("kind", "APIVersions", "versions", List.of("v1"), "serverAddressByClientCIDRs",
                List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", serverAddress))));
    }

    JsonNode groups() {
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        groupVersions.keySet().stream().filter(gv -> gv.contains("/")).forEach(gv -> versionsByGroup
                .computeIfAbsent(gv.substring(0, gv.indexOf('/')), g -> new ArrayList<>()).add(gv));
        List<Map<String, Object>> groups = new ArrayList<>();
        versionsByGroup.forEach((group, gvs) -> {
            List<Map<String, String>> versions = gvs.stream()
                    .map(gv -> Map.of("groupVersion", gv, "version", gv.substring(gv.indexOf('/') + 1))).toList();
            groups.add(Map.of("name", group, "versions", versions, "preferredVersion", versions.get(0)));
        });
        return json(Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups));
    }

    /** @return the resource list of a group version, or null when it is not served */
    JsonNode resources(String groupVersion) {
        List<Resource> resources = groupVersions.get(groupVersion);
        if (resources == null) {
            return null;
        }
        ObjectNode list = (ObjectNode) json(Map.of("kind", "APIResourceList", "apiVersion", "v1",
                "groupVersion", groupVersion));
        ArrayNode items = list.putArray("resources");
        for (Resource r : resources) {
            items.add(json(Map.of("name", r.name(), "singularName", r.kind().toLowerCase(), "namespaced",
                    r.namespaced(), "kind", r.kind(), "verbs", VERBS, "shortNames", r.shortNames())));
            for (String sub : r.subresources()) {
                items.add(json(Map.of("name", r.name() + "/" + sub, "singularName", "", "namespaced", r.namespaced(),
                        "kind", sub.equals("scale") ? "Scale" : r.kind(), "verbs", List.of("get", "patch", "update"))));
            }
        }
        return list;
    }

    private static JsonNode json(Object value) {
        return Serialization.jsonMapper().valueToTree(value);
    }
}
