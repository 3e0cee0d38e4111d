package dev.flinkoperator.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every API call the operator made during the API-server tests (target/api-calls.log) is allowed by the generated
 * ClusterRoles (target/kubernetes/kubernetes.yml): a verb or resource the code uses but the install lacks fails here,
 * not in a user's cluster.
 */
class RbacCoversApiCallsIT {
    // /api/v1[/namespaces/ns]/resource[/name[/sub]] and /apis/group/version[/namespaces/ns]/resource[/name[/sub]]
    private static final Pattern PATH = Pattern.compile(
            "^/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/[^/]+)?/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(?:\\?(.*))?$");

    @Test
    void generatedRbacAllowsEveryCallTheTestsSawTheOperatorMake() throws IOException {
        List<PolicyRule> rules = clusterRoleRules();
        Set<String> calls = new TreeSet<>(Files.readAllLines(Path.of("target/api-calls.log")));
        assertTrue(calls.size() > 10, "too few recorded calls: " + calls);
        Set<String> missing = new TreeSet<>();
        for (String call : calls) {
            String[] parts = call.split(" ", 2);
            Matcher m = PATH.matcher(parts[1]);
            if (!m.matches() || parts[1].startsWith("/apis/apiextensions.k8s.io")) {
                continue; // CRD look-ups happen in test mode only (CRDs applied by the test harness)
            }
            String group = m.group(1) == null ? "" : m.group(1);
            boolean namespacesRoot = "namespaces".equals(m.group(2)) && m.group(3) != null && m.group(4) == null;
            String resource = m.group(4) != null ? m.group(2) + "/" + m.group(4) : m.group(2);
            String verb = verb(parts[0], m.group(3) != null, m.group(5));
            if (namespacesRoot) {
                continue;
            }
            if (rules.stream().noneMatch(r -> r.getApiGroups().contains(group) && r.getResources().contains(resource)
                    && r.getVerbs().contains(verb))) {
                missing.add(verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource + "   (" + call + ")");
            }
        }
        assertEquals(Set.of(), missing, "API calls the generated RBAC does not allow");
    }

    @Test
    void everyServiceAccountBindingNamesItsNamespace() throws IOException {
        List<String> unnamespaced = new ArrayList<>();
        for (HasMetadata object : manifests()) {
            List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects =
                    object instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding b ? b.getSubjects()
                    : object instanceof io.fabric8.kubernetes.api.model.rbac.RoleBinding b ? b.getSubjects() : List.of();
            subjects.stream().filter(sub -> "ServiceAccount".equals(sub.getKind()) && sub.getNamespace() == null)
                    .forEach(sub -> unnamespaced.add(object.getMetadata().getName()));
        }
        // The API server rejects a ServiceAccount subject without a namespace.
        assertEquals(List.of(), unnamespaced);
    }

    private static String verb(String method, boolean named, String query) {
        return switch (method) {
            case "GET" -> named ? "get" : (query != null && query.contains("watch=true") ? "watch" : "list");
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase();
        };
    }

    private static List<PolicyRule> clusterRoleRules() throws IOException {
        return manifests().stream().filter(ClusterRole.class::isInstance)
                .flatMap(role -> ((ClusterRole) role).getRules().stream()).toList();
    }

    private static List<HasMetadata> manifests() throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : Files.readString(Path.of("target/kubernetes/kubernetes.yml")).split("(?m)^---\\s*$")) {
            if (!document.isBlank() && Serialization.unmarshal(document) instanceof HasMetadata object) {
                objects.add(object);
            }
        }
        return objects;
    }
}
