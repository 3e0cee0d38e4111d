package dev.flinkoperator.crd;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs fabric8's CRD generator (the one QOSDK runs at build time) over our custom resource classes. */
final class GeneratedCrds {
    private GeneratedCrds() {
    }

    static CustomResourceDefinition generate(Class<?> resource, String plural) {
        try {
            Path dir = Files.createTempDirectory("crds");
            new CRDGenerator()
                    .customResourceClasses((Class) resource)
                    .forCRDVersions("v1")
                    .inOutputDir(dir.toFile())
                    .generate();
            try (var in = Files.newInputStream(dir.resolve(plural + ".flink.apache.org-v1.yml"))) {
                return Serialization.unmarshal(in, CustomResourceDefinition.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
