package dev.flinkoperator.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlinkEntrypointTest {

    @Test
    void theOperatorsNativeJobManagerMapsToFlinksKubernetesEntrypoints() {
        FlinkEntrypoint session = FlinkEntrypoint.of(List.of("/docker-entrypoint.sh"),
                List.of("bash", "-c", "kubernetes-jobmanager.sh kubernetes-session"));
        assertEquals("org.apache.flink.kubernetes.entrypoint.KubernetesSessionClusterEntrypoint", session.mainClass());
        assertTrue(session.jobManager());
        assertEquals("org.apache.flink.kubernetes.entrypoint.KubernetesApplicationClusterEntrypoint", FlinkEntrypoint.of(
                List.of("/docker-entrypoint.sh"), List.of("bash", "-c", "kubernetes-jobmanager.sh kubernetes-application"))
                .mainClass());
    }

    @Test
    void flinksOwnTaskManagerPodsKeepTheirDynamicProperties() {
        FlinkEntrypoint tm = FlinkEntrypoint.of(null, List.of("bash", "-c", "kubernetes-taskmanager.sh "
                + "-Dtaskmanager.resource-id='fd-taskmanager-1-1' -D taskmanager.memory.network.min=67108864b "
                + "-Dexternal-resources=none"));
        assertEquals("org.apache.flink.kubernetes.taskmanager.KubernetesTaskExecutorRunner", tm.mainClass());
        assertFalse(tm.jobManager());
        assertEquals(List.of("-D", "taskmanager.resource-id=fd-taskmanager-1-1", "-D",
                "taskmanager.memory.network.min=67108864b", "-D", "external-resources=none"), tm.arguments());
    }

    @Test
    void standaloneArgumentsMapAsTheImagesEntrypointMapsThem() {
        assertEquals("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                FlinkEntrypoint.of(null, List.of("jobmanager")).mainClass());
        FlinkEntrypoint job = FlinkEntrypoint.of(null, List.of("standalone-job", "--job-classname", "com.example.Main", "x"));
        assertEquals("org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint", job.mainClass());
        assertEquals(List.of("--job-classname", "com.example.Main", "x"), job.arguments());
        assertEquals("org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                FlinkEntrypoint.of(null, List.of("taskmanager")).mainClass());
        assertNull(FlinkEntrypoint.of(List.of("sleep"), List.of("3600")));
        assertNull(FlinkEntrypoint.of(null, null));
    }

    @Test
    void imagesMapToTheNearestLocalDistribution() {
        assertEquals("1.20.0", FlinkImages.versionFor("flink:1.20"));
        assertEquals("1.20.0", FlinkImages.versionFor("flink:1.17.2-scala_2.12-java11"));
        assertEquals("2.3.0", FlinkImages.versionFor("flink:2.2"));
        assertEquals("2.3.0", FlinkImages.versionFor("docker.io/library/flink:2.0.0-java17"));
        assertEquals("1.20.0", FlinkImages.versionFor("apache/flink:1.19"));
        assertEquals("2.3.0", FlinkImages.versionFor("flink"));
        assertNull(FlinkImages.versionFor("busybox:1.36"));
        assertNull(FlinkImages.versionFor("myregistry/flink-custom:1.20"));
        assertNull(FlinkImages.versionFor("flink:3.0"));
    }

    @Test
    void theProcessCommandIsWhatFlinksScriptsWouldRun() {
        FlinkEntrypoint tm = FlinkEntrypoint.of(null, List.of("taskmanager"));
        List<String> command = new FlinkProcessCommand("java", java.nio.file.Path.of("/dist/1.20.0"),
                java.nio.file.Path.of("/pods/tm/conf"), java.nio.file.Path.of("/pods/tm/tm.log"))
                .memory(List.of("-Xmx161061270 -Xms161061270 -XX:MaxDirectMemorySize=201326592",
                        "-D taskmanager.cpu.cores=2.0 -D external-resources=none"))
                .override("taskmanager.rpc.port", 40123)
                .build(tm);
        assertEquals("java", command.get(0));
        assertTrue(command.contains("--add-opens=java.base/java.util=ALL-UNNAMED"), "Flink's reflection needs it on 17");
        int main = command.indexOf("org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
        assertEquals("/dist/1.20.0/lib/*", command.get(main - 1));
        assertTrue(command.indexOf("-Xmx161061270") < main && command.contains("-Dlog.file=/pods/tm/tm.log"));
        assertEquals(List.of("--configDir", "/pods/tm/conf", "-D", "taskmanager.cpu.cores=2.0", "-D",
                "external-resources=none", "-D", "taskmanager.rpc.port=40123"), command.subList(main + 1, command.size()));
    }
}
