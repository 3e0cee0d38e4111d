package dev.flinkoperator.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodFilesystemTest {
    private static final Pod POD = Serialization.unmarshal("""
            metadata: {name: jm, namespace: ns}
            spec:
              containers:
              - name: flink-main-container
                image: flink:1.20
                volumeMounts:
                - {name: flink-config-volume, mountPath: /opt/flink/conf}
                - {name: data, mountPath: /flink-data}
              volumes:
              - name: flink-config-volume
                configMap:
                  name: flink-config-app
                  items: [{key: config.yaml, path: config.yaml}]
              - name: data
                hostPath: {path: /tmp/flink}
            """, Pod.class);

    @TempDir
    Path dir;

    @Test
    void mountsBecomeLocalFilesAndContainerPathsAreRewrittenToThem() throws Exception {
        Path dist = Files.createDirectories(dir.resolve("dist/lib"));
        PodFilesystem fs = PodFilesystem.create(POD, POD.getSpec().getContainers().get(0), dir.resolve("pod/root"),
                dist.getParent(), dir.resolve("node"), sources(new ConfigMapBuilder().withNewMetadata()
                        .withName("flink-config-app").endMetadata()
                        .withData(Map.of("config.yaml", "a: 1", "ignored.txt", "not an item")).build()));

        assertEquals("a: 1", Files.readString(fs.local("/opt/flink/conf/config.yaml")));
        assertTrue(Files.notExists(fs.local("/opt/flink/conf/ignored.txt")), "only the listed items are mounted");
        assertTrue(Files.isSameFile(dist, fs.local("/opt/flink/lib")), "the image's lib is the distribution's");
        Files.writeString(fs.local("/flink-data/marker"), "x");
        assertTrue(Files.exists(dir.resolve("node/host/tmp/flink/marker")), "a hostPath outlives the pod on the node");

        String root = dir.resolve("pod/root").toString();
        assertEquals("state.checkpoints.dir: file://" + root + "/flink-data/checkpoints\n"
                + "pipeline.jars: local://" + root + "/opt/flink/examples/streaming/X.jar\n"
                + "other: /opt/flinkish/x /data/flink-data",
                fs.rewrite("state.checkpoints.dir: file:///flink-data/checkpoints\n"
                        + "pipeline.jars: local:///opt/flink/examples/streaming/X.jar\n"
                        + "other: /opt/flinkish/x /data/flink-data"));
    }

    @Test
    void aMissingConfigMapKeepsThePodWaiting() {
        var missing = assertThrows(PodFilesystem.NotMountable.class, () -> PodFilesystem.create(POD,
                POD.getSpec().getContainers().get(0), dir.resolve("root"), dir, dir.resolve("node"), sources(null)));
        assertEquals("configmap \"flink-config-app\" not found", missing.getMessage());
    }

    private static PodFilesystem.Sources sources(ConfigMap configMap) {
        return new PodFilesystem.Sources() {
            @Override
            public ConfigMap configMap(String namespace, String name) {
                return configMap;
            }

            @Override
            public Secret secret(String namespace, String name) {
                return null;
            }
        };
    }
}
