package dev.flinkoperator.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.FlinkDeployment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec in, Kubernetes objects out: no cluster involved. */
class BuildersTest {

    static FlinkDeployment deployment(String specYaml) {
        FlinkDeployment fd = Serialization.unmarshal("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: demo, namespace: team-a, uid: u-1}
                spec:
                """ + specYaml.indent(2), FlinkDeployment.class);
        return fd;
    }

    private static final String APP = """
            image: flink:2.3
            flinkVersion: v2_3
            serviceAccount: flink
            flinkConfiguration:
              taskmanager.numberOfTaskSlots: 2
              state: {savepoints.dir: 's3://bucket/sp', checkpoints.dir: 's3://bucket/cp'}
              pipeline.max-parallelism: 24
            jobManager:
              resources: {requests: {memory: 2048m, cpu: "0.5"}}
            taskManager:
              resource: {memory: 4g, cpu: 2}
            job:
              jarURI: local:///opt/flink/usrlib/job.jar
              entryClass: com.example.Main
              args: ["--input", "a b"]
              parallelism: 5
            """;

    @Test
    void sameSpecBuildsByteIdenticalObjects() {
        String first = Serialization.asJson(DesiredResources.of(FlinkClusterModel.from(deployment(APP))).inWriteOrder());
        String second = Serialization.asJson(DesiredResources.of(FlinkClusterModel.from(deployment(APP))).inWriteOrder());
        assertEquals(first, second);
    }

    @Test
    void nestedConfigurationIsFlattenedAndDerivedKeysAreAdded() {
        Map<String, String> config = EffectiveFlinkConfig.of(FlinkClusterModel.from(deployment(APP)));
        assertEquals("s3://bucket/sp", config.get("state.savepoints.dir"));
        assertEquals("24", config.get("pipeline.max-parallelism"));
        assertEquals("2048m", config.get("jobmanager.memory.process.size"));
        assertEquals("4096m", config.get("taskmanager.memory.process.size"));
        assertEquals("0.5", config.get("kubernetes.jobmanager.cpu.amount"));
        assertEquals("2", config.get("kubernetes.taskmanager.cpu.amount"));
        assertEquals("demo", config.get("kubernetes.cluster-id"));
        assertEquals("team-a", config.get("kubernetes.namespace"));
        assertEquals("demo.team-a", config.get("jobmanager.rpc.address"));
        assertEquals("5", config.get("parallelism.default"));
        assertEquals("com.example.Main", config.get("$internal.application.main"));
        assertEquals("--input;a b", config.get("$internal.application.program-args"));
        assertEquals("kubernetes-application", config.get("execution.target"));
        assertEquals("flink", config.get("kubernetes.service-account"));
    }

    @Test
    void userSetKeysWinOverDerivedOnes() {
        Map<String, String> config = EffectiveFlinkConfig.of(FlinkClusterModel.from(deployment("""
                image: flink:1.20
                flinkVersion: v1_20
                flinkConfiguration: {rest.port: 9999, kubernetes.cluster-id: custom}
                """)));
        assertEquals("9999", config.get("rest.port"));
        assertEquals("custom", config.get("kubernetes.cluster-id"));
    }

    @Test
    void flink2GetsQuotedConfigYamlAndFlink1GetsRawFlinkConfYaml() {
        var v2 = FlinkConfigMapBuilder.build(FlinkClusterModel.from(deployment(APP)), Map.of("a.b", "x: y", "n", "3"));
        assertEquals("a.b: 'x: y'\nn: 3\n", v2.getData().get("config.yaml"));
        var v1 = FlinkConfigMapBuilder.build(FlinkClusterModel.from(deployment(APP.replace("v2_3", "v1_20"))),
                Map.of("a.b", "x: y"));
        assertEquals("a.b: x: y\n", v1.getData().get("flink-conf.yaml"));
        assertNull(v1.getData().get("config.yaml"));
    }

    @Test
    void jobManagerContainerGetsImageResourcesAndConfigMount() {
        Deployment jm = DesiredResources.of(FlinkClusterModel.from(deployment(APP))).jobManager();
        Container main = jm.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("flink-main-container", main.getName());
        assertEquals("flink:2.3", main.getImage());
        assertEquals(new Quantity("2048Mi"), main.getResources().getRequests().get("memory"));
        assertEquals(new Quantity("2048Mi"), main.getResources().getLimits().get("memory"));
        assertEquals(new Quantity("0.5"), main.getResources().getRequests().get("cpu"));
        assertEquals(List.of("bash", "-c", "kubernetes-jobmanager.sh kubernetes-application"), main.getArgs());
        assertEquals("flink", jm.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertEquals("Recreate", jm.getSpec().getStrategy().getType());
        assertEquals(Map.of("app", "demo", "component", "jobmanager", "type", "flink-native-kubernetes"),
                jm.getSpec().getSelector().getMatchLabels());
        assertEquals("u-1", jm.getMetadata().getOwnerReferences().get(0).getUid());
    }

    @Test
    void aConfigChangeChangesThePodTemplateHash() {
        String before = configHash(APP);
        String after = configHash(APP.replace("pipeline.max-parallelism: 24", "pipeline.max-parallelism: 48"));
        assertTrue(!before.equals(after));
        assertEquals(before, configHash(APP));
    }

    @Test
    void anApplicationsParallelismIsWrittenButDoesNotRestartItsPods() {
        String scaled = APP.replace("parallelism: 5", "parallelism: 7").replace("pipeline.max-parallelism: 24",
                "pipeline.max-parallelism: 24\n  pipeline.jobvertex-parallelism-overrides: 'ab:3'");
        assertEquals(configHash(APP), configHash(scaled), "the job rescales in place, its pods stay");
        String config = DesiredResources.of(FlinkClusterModel.from(deployment(scaled))).configMap().getData()
                .get("config.yaml");
        assertTrue(config.contains("parallelism.default: 7") || config.contains("default: 7"), config);

        String session = APP.substring(0, APP.indexOf("job:"));
        assertNotEquals(configHash(session), configHash(session.replace("pipeline.max-parallelism: 24",
                "pipeline.max-parallelism: 24\n  parallelism.default: 3")), "a session cluster's default restarts it");
    }

    private static String configHash(String spec) {
        return DesiredResources.of(FlinkClusterModel.from(deployment(spec))).jobManager().getSpec().getTemplate()
                .getMetadata().getAnnotations().get(FlinkLabels.CONFIG_HASH);
    }

    @Test
    void standaloneApplicationGetsTaskManagerDeploymentSizedFromParallelism() {
        var desired = DesiredResources.of(FlinkClusterModel.from(deployment(APP + "mode: standalone\n")));
        assertEquals(3, desired.taskManager().getSpec().getReplicas()); // ceil(5 / 2)
        assertEquals(List.of("standalone-job", "--job-classname", "com.example.Main", "--input", "a b"),
                desired.jobManager().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        assertEquals("demo-taskmanager", desired.taskManager().getMetadata().getName());
        assertEquals(new Quantity("4096Mi"), desired.taskManager().getSpec().getTemplate().getSpec().getContainers()
                .get(0).getResources().getRequests().get("memory"));
        assertNull(desired.configMap().getData().get("taskmanager-pod-template.yaml"));
    }

    @Test
    void ingressTemplateWithPathGetsRewriteAndNoHost() {
        Ingress ingress = FlinkIngressBuilder.build(FlinkClusterModel.from(deployment(APP
                + "ingress: {template: '/{{namespace}}/{{name}}(/|$)(.*)', className: nginx}\n")));
        assertNull(ingress.getSpec().getRules().get(0).getHost());
        assertEquals("/team-a/demo(/|$)(.*)", ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPath());
        assertEquals("/$2", ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/rewrite-target"));
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
    }

    @Test
    void memoryIsReadFlinkStyleFirst() {
        assertEquals(2048L << 20, MemorySize.parse("2048m", "f").bytes());
        assertEquals(2L << 30, MemorySize.parse("2Gi", "f").bytes());
        assertEquals(2L << 30, MemorySize.parse("2 gb", "f").bytes());
        assertEquals(1536L << 20, MemorySize.parse("1.5g", "f").bytes());
        assertEquals("1536m", MemorySize.parse("1.5g", "f").toFlinkString());
        assertThrows(InvalidSpecException.class, () -> MemorySize.parse("lots", "f"));
        assertThrows(InvalidSpecException.class, () -> MemorySize.parse("0m", "f"));
        assertThrows(InvalidSpecException.class, () -> MemorySize.parse("5parsecs", "f"));
    }

    @Test
    void podTemplatesMergeContainersAndVolumesByName() {
        var model = FlinkClusterModel.from(deployment("""
                image: flink:1.20
                flinkVersion: v1_20
                podTemplate:
                  metadata: {labels: {team: a}}
                  spec:
                    tolerations: [{key: spot}]
                    containers:
                      - name: flink-main-container
                        env: [{name: A, value: top}]
                      - name: sidecar
                        image: busybox
                    volumes: [{name: v1, emptyDir: {}}]
                jobManager:
                  podTemplate:
                    spec:
                      containers:
                        - name: flink-main-container
                          env: [{name: B, value: jm}]
                      volumes: [{name: v2, emptyDir: {}}]
                """));
        var pod = DesiredResources.of(model).jobManager().getSpec().getTemplate();
        var containers = pod.getSpec().getContainers();
        assertEquals(List.of("flink-main-container", "sidecar"), containers.stream().map(Container::getName).toList());
        assertEquals(List.of("A", "B", "_POD_IP_ADDRESS"), containers.get(0).getEnv().stream().map(e -> e.getName()).toList());
        assertEquals(List.of("v1", "v2", "flink-config-volume", "pod-template-volume"),
                pod.getSpec().getVolumes().stream().map(v -> v.getName()).toList());
        assertEquals("a", pod.getMetadata().getLabels().get("team"));
        assertEquals("spot", pod.getSpec().getTolerations().get(0).getKey());
        // The TaskManager template Flink receives carries the top-level template only.
        String tmTemplate = DesiredResources.of(model).configMap().getData().get("taskmanager-pod-template.yaml");
        assertTrue(tmTemplate.contains("sidecar") && !tmTemplate.contains("v2"), tmTemplate);
    }
}
