package dev.flinkoperator.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both local Flink distributions assemble from Maven Central with what the sandbox runs. Tier e2e (downloads). */
@Tag("e2e")
class FlinkDistributionsIT {

    @ParameterizedTest
    @ValueSource(strings = {FlinkImages.FLINK_1, FlinkImages.FLINK_2})
    void distributionHasFlinksLibAndTheImagesExampleJobs(String version) throws Exception {
        Path dist = new FlinkDistributions(Path.of("target/flink")).ensure(version);
        for (String module : new String[] {"flink-runtime", "flink-clients", "flink-kubernetes", "flink-runtime-web",
                "flink-container", "flink-statebackend-rocksdb"}) {
            assertTrue(Files.exists(dist.resolve("lib/" + module + "-" + version + ".jar")), module);
        }
        try (JarFile topSpeed = new JarFile(dist.resolve("examples/streaming/TopSpeedWindowing.jar").toFile());
                JarFile stateMachine = new JarFile(dist.resolve("examples/streaming/StateMachineExample.jar").toFile())) {
            assertNotNull(topSpeed.getManifest().getMainAttributes().getValue("Main-Class"));
            assertEquals("org.apache.flink.streaming.examples.statemachine.StateMachineExample",
                    stateMachine.getManifest().getMainAttributes().getValue("Main-Class"));
            assertNotNull(stateMachine.getEntry("org/apache/flink/streaming/examples/statemachine/StateMachineExample.class"));
        }
    }
}
