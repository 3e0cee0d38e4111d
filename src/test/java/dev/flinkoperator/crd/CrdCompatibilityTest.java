package dev.flinkoperator.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.ReferenceData;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Our CRDs against the Apache operator's: same kinds, names, subresources and every spec field. */
class CrdCompatibilityTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(FlinkDeployment.class.getName(), "flinkdeployments"),
                Arguments.of(FlinkSessionJob.class.getName(), "flinksessionjobs"),
                Arguments.of(FlinkStateSnapshot.class.getName(), "flinkstatesnapshots"));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyReferenceSpecFieldExistsWithTheSameType(String className, String plural) throws Exception {
        CustomResourceDefinitionVersion reference = version(referenceCrd(plural));
        CustomResourceDefinitionVersion ours = version(GeneratedCrds.generate(Class.forName(className), plural));

        List<String> problems = new ArrayList<>();
        compare("spec", property(reference, "spec"), property(ours, "spec"), problems);
        assertTrue(problems.isEmpty(), "Spec fields missing or typed differently in our " + plural + " CRD:\n"
                + String.join("\n", problems));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void statusFieldsOfTheReferenceExistWithTheSameType(String className, String plural) throws Exception {
        CustomResourceDefinitionVersion reference = version(referenceCrd(plural));
        CustomResourceDefinitionVersion ours = version(GeneratedCrds.generate(Class.forName(className), plural));

        List<String> problems = new ArrayList<>();
        compare("status", property(reference, "status"), property(ours, "status"), problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void namesScopeSubresourcesAndPrinterColumnsMatch(String className, String plural) throws Exception {
        CustomResourceDefinition reference = referenceCrd(plural);
        CustomResourceDefinition ours = GeneratedCrds.generate(Class.forName(className), plural);
        assertEquals(reference.getSpec().getGroup(), ours.getSpec().getGroup());
        assertEquals(reference.getSpec().getScope(), ours.getSpec().getScope());
        assertEquals(reference.getSpec().getNames().getKind(), ours.getSpec().getNames().getKind());
        assertEquals(reference.getSpec().getNames().getShortNames(), ours.getSpec().getNames().getShortNames());
        assertEquals(version(reference).getName(), version(ours).getName());
        assertEquals(version(reference).getSubresources(), version(ours).getSubresources());
        assertEquals(version(reference).getAdditionalPrinterColumns(), version(ours).getAdditionalPrinterColumns());
    }

    /** Fields from our own classes all carry descriptions, so kubectl explain helps. */
    @Test
    void everyFieldOfOurOwnClassesHasADescription() {
        for (var entry : Map.of(FlinkDeployment.class, "flinkdeployments", FlinkSessionJob.class, "flinksessionjobs",
                FlinkStateSnapshot.class, "flinkstatesnapshots").entrySet()) {
            CustomResourceDefinitionVersion ours = version(GeneratedCrds.generate(entry.getKey(), entry.getValue()));
            List<String> undocumented = new ArrayList<>();
            for (String root : List.of("spec", "status")) {
                findUndocumented(root, property(ours, root), undocumented);
            }
            assertTrue(undocumented.isEmpty(), entry.getValue() + " fields without description: " + undocumented);
        }
    }

    // Kubernetes' own types (pod templates, resource requirements, TLS, conditions) come without descriptions in the
    // fabric8 model; the field holding them is described, their insides are Kubernetes' documented types.
    private static final Set<String> KUBERNETES_TYPES = Set.of("podTemplate", "resources", "tls", "conditions");

    private static void findUndocumented(String path, JSONSchemaProps schema, List<String> out) {
        Map<String, JSONSchemaProps> properties = children(schema);
        for (var child : properties.entrySet()) {
            String childPath = path + "." + child.getKey();
            boolean namedField = !child.getKey().equals("[]") && !child.getKey().equals("{}");
            if (namedField && (child.getValue().getDescription() == null || child.getValue().getDescription().isBlank())) {
                out.add(childPath);
            }
            if (!KUBERNETES_TYPES.contains(child.getKey())) {
                findUndocumented(childPath, child.getValue(), out);
            }
        }
    }

    private static void compare(String path, JSONSchemaProps reference, JSONSchemaProps ours, List<String> problems) {
        if (ours == null) {
            problems.add("missing: " + path);
            return;
        }
        if (!java.util.Objects.equals(reference.getType(), ours.getType())) {
            problems.add("type differs: " + path + " is " + ours.getType() + ", reference " + reference.getType());
            return;
        }
        if (reference.getEnum() != null && !java.util.Objects.equals(
                reference.getEnum().stream().map(Object::toString).sorted().toList(),
                ours.getEnum() == null ? null : ours.getEnum().stream().map(Object::toString).sorted().toList())) {
            problems.add("enum differs: " + path + " is " + ours.getEnum() + ", reference " + reference.getEnum());
        }
        if (Boolean.TRUE.equals(ours.getXKubernetesPreserveUnknownFields()) && children(ours).isEmpty()) {
            return; // an open object keeps every field below it, whatever the Kubernetes version
        }
        Map<String, JSONSchemaProps> ourChildren = children(ours);
        for (var child : children(reference).entrySet()) {
            compare(path + "." + child.getKey(), child.getValue(), ourChildren.get(child.getKey()), problems);
        }
    }

    private static Map<String, JSONSchemaProps> children(JSONSchemaProps schema) {
        if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
            return schema.getProperties();
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            return Map.of("[]", schema.getItems().getSchema());
        }
        if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
            return Map.of("{}", schema.getAdditionalProperties().getSchema());
        }
        return Map.of();
    }

    private static JSONSchemaProps property(CustomResourceDefinitionVersion version, String name) {
        return version.getSchema().getOpenAPIV3Schema().getProperties().get(name);
    }

    private static CustomResourceDefinitionVersion version(CustomResourceDefinition crd) {
        return crd.getSpec().getVersions().get(0);
    }

    private static CustomResourceDefinition referenceCrd(String plural) throws IOException {
        try (InputStream in = Files.newInputStream(ReferenceData.crd(plural))) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
    }
}
