package dev.flinkoperator.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.FlinkStateSnapshot;
import dev.flinkoperator.install.NamespacedInstall;
import dev.flinkoperator.validation.FlinkDeploymentValidator;
import dev.flinkoperator.validation.FlinkSessionJobValidator;
import dev.flinkoperator.validation.FlinkStateSnapshotValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.ClusterServiceVersion;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.CRDDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed OLM bundle, checked offline against what the build generates. Runs after packaging. */
class BundleIT {
    private static final Path COMMITTED = Path.of("bundle/flink-operator");
    private static final Path GENERATED = Path.of("target/bundle/flink-operator");
    private static final Path MANIFESTS = Path.of("target/kubernetes");

    @Test
    void committedBundleIsWhatTheCodeGenerates() throws IOException {
        List<String> stale = new ArrayList<>();
        for (Path generated : files(GENERATED)) {
            Path committed = COMMITTED.resolve(GENERATED.relativize(generated));
            if (!Files.exists(committed) || !normalized(committed).equals(normalized(generated))) {
                stale.add(GENERATED.relativize(generated).toString());
            }
        }
        for (Path committed : files(COMMITTED)) {
            if (!Files.exists(GENERATED.resolve(COMMITTED.relativize(committed)))) {
                stale.add(COMMITTED.relativize(committed) + " (no longer generated)");
            }
        }
        assertEquals(List.of(), stale, "bundle/ is stale: run `make bundle` and commit the result");
    }

    @Test
    void csvIsATypedClusterServiceVersionOwningOurCrds() throws IOException {
        ClusterServiceVersion csv = csv();
        assertEquals("flink-operator.v" + csv.getSpec().getVersion().toLowerCase(), csv.getMetadata().getName());
        assertTrue(csv.getSpec().getInstallModes().stream().anyMatch(m -> m.getType().equals("AllNamespaces") && m.getSupported()));
        assertTrue(csv.getSpec().getMinKubeVersion() != null && csv.getSpec().getKeywords().contains("flink"));
        List<CRDDescription> owned = csv.getSpec().getCustomresourcedefinitions().getOwned();
        assertEquals(Set.of("FlinkDeployment", "FlinkSessionJob", "FlinkStateSnapshot"),
                owned.stream().map(CRDDescription::getKind).collect(Collectors.toSet()));
        assertEquals(Set.of("OwnNamespace", "SingleNamespace", "MultiNamespace", "AllNamespaces"), csv.getSpec()
                .getInstallModes().stream().filter(m -> m.getSupported()).map(m -> m.getType()).collect(Collectors.toSet()));
        String icon = new String(Base64.getDecoder().decode(csv.getSpec().getIcon().get(0).getBase64data()));
        assertTrue(icon.startsWith("<svg") && csv.getSpec().getIcon().get(0).getMediatype().equals("image/svg+xml"));
        for (CRDDescription crd : owned) {
            // OperatorHub lists these under the operator's APIs.
            assertTrue(crd.getDisplayName() != null && crd.getDescription() != null && crd.getDescription().length() > 40,
                    crd.getName());
            Path file = COMMITTED.resolve("manifests").resolve(crd.getName() + "-v1.crd.yml");
            assertTrue(Files.exists(file), "owned CRD " + crd.getName() + " has no file " + file);
            CustomResourceDefinition inBundle = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
            CustomResourceDefinition generated = Serialization.unmarshal(Files.readString(
                    MANIFESTS.resolve(crd.getName() + "-v1.yml")), CustomResourceDefinition.class);
            assertEquals(generated.getSpec(), inBundle.getSpec(), crd.getName());
            assertEquals(crd.getKind(), inBundle.getSpec().getNames().getKind());
        }
    }

    @Test
    void csvPermissionsCoverTheGeneratedRbac() throws IOException {
        List<PolicyRule> granted = csv().getSpec().getInstall().getSpec().getClusterPermissions().stream()
                .flatMap(p -> p.getRules().stream()).toList();
        List<String> missing = new ArrayList<>();
        for (HasMetadata object : NamespacedInstall.read(MANIFESTS.resolve("kubernetes.yml"))) {
            if (object instanceof ClusterRole role) {
                for (PolicyRule rule : role.getRules()) {
                    for (String group : rule.getApiGroups()) {
                        for (String resource : rule.getResources()) {
                            for (String verb : rule.getVerbs()) {
                                if (granted.stream().noneMatch(g -> g.getApiGroups().contains(group)
                                        && g.getResources().contains(resource) && g.getVerbs().contains(verb))) {
                                    missing.add(verb + " " + group + "/" + resource);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "RBAC the operator needs but the CSV does not grant");
    }

    @Test
    void almExamplesAreValidResourcesOfOurCrds() throws IOException {
        String examples = csv().getMetadata().getAnnotations().get("alm-examples");
        JsonNode array = Serialization.jsonMapper().readTree(examples);
        Set<String> kinds = new java.util.TreeSet<>();
        array.forEach(example -> kinds.add(example.get("kind").asText()));
        assertEquals(Set.of("FlinkDeployment", "FlinkSessionJob", "FlinkStateSnapshot"), kinds, "an example of each kind");
        for (JsonNode example : array) {
            switch (example.get("kind").asText()) {
                case "FlinkDeployment" -> {
                    FlinkDeployment fd = Serialization.jsonMapper().convertValue(example, FlinkDeployment.class);
                    fd.getMetadata().setNamespace("default");
                    assertEquals(List.of(), FlinkDeploymentValidator.validate(fd), fd.getMetadata().getName());
                }
                case "FlinkSessionJob" -> {
                    FlinkSessionJob job = Serialization.jsonMapper().convertValue(example, FlinkSessionJob.class);
                    assertEquals(List.of(), FlinkSessionJobValidator.validate(job, session(array, job.getSpec().deploymentName)));
                }
                case "FlinkStateSnapshot" -> assertEquals(List.of(), FlinkStateSnapshotValidator.validate(
                        Serialization.jsonMapper().convertValue(example, FlinkStateSnapshot.class)));
                default -> throw new AssertionError("unexpected example kind " + example.get("kind"));
            }
        }
    }

    private static FlinkDeployment session(JsonNode examples, String name) {
        for (JsonNode example : examples) {
            if (example.get("kind").asText().equals("FlinkDeployment") && example.at("/metadata/name").asText().equals(name)) {
                return Serialization.jsonMapper().convertValue(example, FlinkDeployment.class);
            }
        }
        return null;
    }

    @Test
    void catalogReferencesTheBundleNameAndVersion() throws IOException {
        ClusterServiceVersion csv = csv();
        String catalog = Files.readString(Path.of("olm/catalog/flink-operator/catalog.yaml"));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String document : catalog.split("(?m)^---\\s*$")) {
            Map<String, Object> entry = Serialization.unmarshal(document, Map.class);
            if (entry != null) {
                entries.add(entry);
            }
        }
        Map<String, Object> bundle = entries.stream().filter(e -> "olm.bundle".equals(e.get("schema"))).findFirst().orElseThrow();
        assertEquals(csv.getMetadata().getName(), bundle.get("name"));
        assertTrue(bundle.toString().contains("version=" + csv.getSpec().getVersion()), bundle.toString());
        assertTrue(entries.stream().anyMatch(e -> "olm.channel".equals(e.get("schema"))
                && e.toString().contains(csv.getMetadata().getName())));
    }

    /**
     * The file's content, YAML parsed and lists of named items sorted by name: the generator emits some of them
     * (the Deployment's env) in no fixed order, which says nothing about staleness.
     */
    private static Object normalized(Path file) throws IOException {
        String text = Files.readString(file);
        if (!file.toString().endsWith(".yaml") && !file.toString().endsWith(".yml")) {
            return text;
        }
        return sortNamed(Serialization.jsonMapper().valueToTree(Serialization.unmarshal(text, Object.class)));
    }

    private static JsonNode sortNamed(JsonNode node) {
        if (node.isObject()) {
            var copy = Serialization.jsonMapper().createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), sortNamed(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(sortNamed(item)));
            if (items.stream().allMatch(i -> i.hasNonNull("name"))) {
                items.sort(java.util.Comparator.comparing(i -> i.get("name").asText()));
            }
            return Serialization.jsonMapper().createArrayNode().addAll(items);
        }
        return node;
    }

    private static ClusterServiceVersion csv() throws IOException {
        return Serialization.unmarshal(Files.readString(COMMITTED.resolve("manifests/flink-operator.clusterserviceversion.yaml")),
                ClusterServiceVersion.class);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
