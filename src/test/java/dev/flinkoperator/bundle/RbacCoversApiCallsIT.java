package dev.flinkoperator.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import dev.flinkoperator.install.NamespacedInstall;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every API call the operator made during the API-server tests (target/api-calls.log) is allowed by the generated
 * RBAC of both installs: the ClusterRoles of target/kubernetes/kubernetes.yml and the Roles of
 * kubernetes-namespaced.yml. A verb or resource the code uses but an install lacks fails here, not in a user's cluster.
 */
class RbacCoversApiCallsIT {
    // /api/v1[/namespaces/ns]/resource[/name[/sub]] and /apis/group/version[/namespaces/ns]/resource[/name[/sub]]
    private static final Pattern PATH = Pattern.compile(
            "^/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/[^/]+)?/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(?:\\?(.*))?$");

    private static final Path CLUSTER_INSTALL = Path.of("target/kubernetes/kubernetes.yml");
    private static final Path NAMESPACED_INSTALL = Path.of("target/kubernetes/kubernetes-namespaced.yml");
    /** Kubernetes lets every authenticated user ask what it may do (role system:basic-user); no rule is needed. */
    private static final String GRANTED_TO_ALL = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

    @Test
    void clusterScopedRbacAllowsEveryCallTheTestsSawTheOperatorMake() throws IOException {
        assertCovered(rules(CLUSTER_INSTALL, ClusterRole.class));
    }

    @Test
    void namespaceScopedRbacAllowsEveryCallTooAndNothingIsClusterScoped() throws IOException {
        List<HasMetadata> objects = NamespacedInstall.read(NAMESPACED_INSTALL);
        assertEquals(List.of(), objects.stream().filter(o -> o instanceof ClusterRole || o instanceof ClusterRoleBinding)
                .map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList());
        assertCovered(rules(NAMESPACED_INSTALL, Role.class));
        String namespace = objects.stream().filter(Deployment.class::isInstance).findFirst().orElseThrow()
                .getMetadata().getNamespace();
        Set<String> roles = new TreeSet<>();
        for (HasMetadata object : objects) {
            if (object instanceof Role role) {
                assertEquals(namespace, role.getMetadata().getNamespace());
                roles.add(role.getMetadata().getName());
            }
        }
        for (HasMetadata object : objects) {
            if (object instanceof RoleBinding binding) {
                assertEquals(namespace, binding.getMetadata().getNamespace());
                assertEquals("Role", binding.getRoleRef().getKind());
                assertTrue(roles.contains(binding.getRoleRef().getName()), binding.getRoleRef().getName());
            }
        }
        // Each controller watches the namespace it runs in, the only one its Roles reach.
        Deployment operator = (Deployment) objects.stream().filter(Deployment.class::isInstance).findFirst().orElseThrow();
        Map<String, String> env = new TreeMap<>();
        operator.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .forEach(e -> env.put(e.getName(), e.getValue()));
        for (String controller : List.of("FLINKDEPLOYMENT", "FLINKSESSIONJOB", "FLINKSTATESNAPSHOT")) {
            assertEquals(NamespacedInstall.WATCH_CURRENT,
                    env.get("QUARKUS_OPERATOR_SDK_CONTROLLERS_" + controller + "_NAMESPACES"), env.toString());
        }
    }

    @Test
    void everyResourceTheRbacGrantsIsOneTheTestsSawTheOperatorUse() throws IOException {
        List<Call> calls = calls();
        Set<String> unused = new TreeSet<>();
        for (PolicyRule rule : rules(CLUSTER_INSTALL, ClusterRole.class)) {
            for (String group : rule.getApiGroups()) {
                // finalizers: the API server checks it when an owner reference blocks deletion; never called itself
                rule.getResources().stream().filter(r -> !r.endsWith("/finalizers"))
                        .filter(r -> calls.stream().noneMatch(c -> c.group().equals(group) && c.resource().equals(r)))
                        .forEach(r -> unused.add((group.isEmpty() ? "core" : group) + "/" + r));
            }
        }
        assertEquals(Set.of(), unused, "granted, but no test saw the operator use it: drop it or test it");
    }

    /** One recorded request, as the RBAC verb, API group and resource (with subresource) it needs. */
    private record Call(String verb, String group, String resource, String line) {
    }

    private static List<Call> calls() throws IOException {
        Set<String> lines = new TreeSet<>(Files.readAllLines(Path.of("target/api-calls.log")));
        assertTrue(lines.size() > 10, "too few recorded calls: " + lines);
        List<Call> calls = new java.util.ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split(" ", 2);
            Matcher m = PATH.matcher(parts[1]);
            boolean namespacesRoot = m.matches() && "namespaces".equals(m.group(2)) && m.group(3) != null
                    && m.group(4) == null;
            if (!m.matches() || namespacesRoot || parts[1].startsWith("/apis/apiextensions.k8s.io")
                    || parts[1].equals(GRANTED_TO_ALL)) {
                continue; // CRD look-ups happen in test mode only (CRDs applied by the test harness)
            }
            String group = m.group(1) == null ? "" : m.group(1);
            String resource = m.group(4) != null ? m.group(2) + "/" + m.group(4) : m.group(2);
            calls.add(new Call(verb(parts[0], m.group(3) != null, m.group(5)), group, resource, line));
        }
        return calls;
    }

    private static void assertCovered(List<PolicyRule> rules) throws IOException {
        Set<String> missing = new TreeSet<>();
        for (Call call : calls()) {
            if (rules.stream().noneMatch(r -> r.getApiGroups().contains(call.group())
                    && r.getResources().contains(call.resource()) && r.getVerbs().contains(call.verb()))) {
                missing.add(call.verb() + " " + (call.group().isEmpty() ? "core" : call.group()) + "/"
                        + call.resource() + "   (" + call.line() + ")");
            }
        }
        assertEquals(Set.of(), missing, "API calls the generated RBAC does not allow");
    }

    @Test
    void theOperatorRunsAsTheServiceAccountItsBindingsNameWithNamespace() throws IOException {
        for (Path install : List.of(CLUSTER_INSTALL, NAMESPACED_INSTALL)) {
            List<HasMetadata> objects = NamespacedInstall.read(install);
            Deployment operator = (Deployment) objects.stream().filter(Deployment.class::isInstance).findFirst()
                    .orElseThrow();
            String account = operator.getSpec().getTemplate().getSpec().getServiceAccountName();
            String namespace = operator.getMetadata().getNamespace();
            assertTrue(objects.stream().anyMatch(o -> o instanceof ServiceAccount && o.getMetadata().getName()
                    .equals(account) && namespace.equals(o.getMetadata().getNamespace())), install + ": " + account);
            List<Subject> subjects = objects.stream().flatMap(o -> o instanceof ClusterRoleBinding b
                    ? b.getSubjects().stream() : o instanceof RoleBinding b ? b.getSubjects().stream() : Stream.empty())
                    .toList();
            assertFalse(subjects.isEmpty(), install.toString());
            // The API server rejects a ServiceAccount subject without a namespace.
            assertEquals(List.of(), subjects.stream().filter(sub -> !account.equals(sub.getName())
                    || !namespace.equals(sub.getNamespace())).toList(), install.toString());
        }
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

    private static List<PolicyRule> rules(Path install, Class<? extends HasMetadata> roleKind) throws IOException {
        return NamespacedInstall.read(install).stream().filter(roleKind::isInstance)
                .flatMap(role -> role instanceof ClusterRole c ? c.getRules().stream() : ((Role) role).getRules().stream())
                .toList();
    }
}
