package dev.flinkoperator.it;

import static dev.flinkoperator.it.OperatorTestSupport.TIMEOUT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.ReferenceData;
import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.FlinkStateSnapshot;
import dev.flinkoperator.crd.status.FlinkStateSnapshotStatus.SnapshotState;
import dev.flinkoperator.validation.FlinkStateSnapshotValidator;
import dev.flinkoperator.crd.spec.FlinkDeploymentSpec;
import dev.flinkoperator.crd.spec.KubernetesDeploymentMode;
import dev.flinkoperator.crd.status.JobManagerDeploymentStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.resources.FlinkConfigFlattener;
import dev.flinkoperator.resources.MemorySize;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example of the Apache operator, applied unchanged, becomes the Kubernetes objects it should. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ReferenceExamplesTest extends ApiServerTest {

    static Stream<Path> examples() {
        return ReferenceData.examples().stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleIsAcceptedAndReconciled(Path example) throws Exception {
        KubernetesClient client = OperatorTestSupport.testClient(operatorClient);
        String namespace = example.getFileName().toString().replace(".yaml", "");
        List<HasMetadata> resources;
        try (InputStream in = Files.newInputStream(example)) {
            resources = client.load(in).items().stream().map(r -> typed(client, r)).toList();
        }
        assertTrue(!resources.isEmpty(), "no resources in " + example);
        for (HasMetadata resource : resources) {
            resource.getMetadata().setNamespace(namespace);
            client.resource(resource).create();
        }
        for (HasMetadata resource : resources) {
            if (resource instanceof FlinkDeployment fd) {
                checkDeployment(client, fd);
            } else if (resource instanceof FlinkSessionJob job) {
                checkSessionJob(client, job);
            } else {
                checkSnapshot(client, (FlinkStateSnapshot) resource);
            }
        }
    }

    /** A recorded savepoint is COMPLETED with its path; a request for a new snapshot waits for its job. */
    private static void checkSnapshot(KubernetesClient client, FlinkStateSnapshot applied) {
        FlinkStateSnapshot snapshot = await().atMost(OperatorTestSupport.TIMEOUT).until(() -> client
                .resources(FlinkStateSnapshot.class).inNamespace(applied.getMetadata().getNamespace())
                .withName(applied.getMetadata().getName()).get(), s -> s.getStatus() != null && s.getStatus().state != null);
        assertNull(snapshot.getStatus().error);
        if (FlinkStateSnapshotValidator.recordsExisting(applied.getSpec())) {
            assertEquals(SnapshotState.COMPLETED, snapshot.getStatus().state);
            assertEquals(applied.getSpec().savepoint.path, snapshot.getStatus().path);
            assertNotNull(snapshot.getStatus().resultTimestamp);
        } else {
            assertEquals(SnapshotState.TRIGGER_PENDING, snapshot.getStatus().state);
        }
    }

    private void checkDeployment(KubernetesClient client, FlinkDeployment applied) {
        String ns = applied.getMetadata().getNamespace();
        String name = applied.getMetadata().getName();
        FlinkDeploymentSpec spec = applied.getSpec();
        FlinkDeployment fd = OperatorTestSupport.awaitDeployment(client, ns, name,
                d -> d.getStatus() != null && d.getStatus().jobManagerDeploymentStatus != null);
        assertNull(fd.getStatus().error, name + ": " + fd.getStatus().error);
        assertEquals(JobManagerDeploymentStatus.DEPLOYING, fd.getStatus().jobManagerDeploymentStatus);
        assertEquals(ResourceLifecycleState.DEPLOYED, fd.getStatus().lifecycleState);
        assertEquals(fd.getMetadata().getGeneration(), fd.getStatus().observedGeneration);
        assertNotNull(fd.getStatus().reconciliationStatus.lastReconciledSpec);
        boolean standalone = spec.mode == KubernetesDeploymentMode.STANDALONE;

        // ConfigMap: the user's options, flattened, plus what the operator derives.
        ConfigMap cm = client.configMaps().inNamespace(ns).withName("flink-config-" + name).get();
        assertNotNull(cm, "ConfigMap flink-config-" + name);
        String file = spec.flinkVersion.startsWith("v2") ? "config.yaml" : "flink-conf.yaml";
        String config = cm.getData().get(file);
        assertNotNull(config, file + " in " + cm.getData().keySet());
        FlinkConfigFlattener.flatten(spec.flinkConfiguration).forEach((key, value) ->
                assertTrue(config.contains(key + ": " + value) || config.contains(key + ": '" + value + "'"),
                        name + ": " + key + "=" + value + " missing from\n" + config));
        assertTrue(config.contains("kubernetes.cluster-id: '" + name + "'") || config.contains("kubernetes.cluster-id: " + name));
        assertTrue(config.contains("rest.port: 8081"));
        MemorySize jmMemory = MemorySize.parse(spec.jobManager.resources.getRequests().get("memory").toString(), "jm");
        assertTrue(config.contains("jobmanager.memory.process.size: " + quoted(file, jmMemory.toFlinkString())), config);
        if (spec.logConfiguration != null) {
            spec.logConfiguration.forEach((k, v) -> assertEquals(v, cm.getData().get(k)));
        } else {
            assertNotNull(cm.getData().get("log4j-console.properties"));
        }
        if (spec.job != null && spec.job.jarURI != null) {
            assertTrue(config.contains("pipeline.jars: " + quoted(file, spec.job.jarURI)), config);
            assertTrue(config.contains("parallelism.default: " + spec.job.parallelism), config);
        }

        // JobManager Deployment
        Deployment jm = client.apps().deployments().inNamespace(ns).withName(name).get();
        assertNotNull(jm, "JobManager Deployment " + name);
        assertEquals(Map.of("app", name, "component", "jobmanager", "type", "flink-native-kubernetes"),
                jm.getSpec().getSelector().getMatchLabels());
        assertEquals("FlinkDeployment", jm.getMetadata().getOwnerReferences().get(0).getKind());
        assertEquals(fd.getMetadata().getUid(), jm.getMetadata().getOwnerReferences().get(0).getUid());
        var pod = jm.getSpec().getTemplate().getSpec();
        assertEquals(spec.serviceAccount, pod.getServiceAccountName());
        Container main = pod.getContainers().stream().filter(c -> c.getName().equals("flink-main-container"))
                .findFirst().orElseThrow();
        assertEquals(spec.image, main.getImage());
        assertEquals(new Quantity(jmMemory.toKubernetesString()), main.getResources().getRequests().get("memory"));
        assertEquals(spec.jobManager.resources.getRequests().get("cpu"), main.getResources().getRequests().get("cpu"));
        assertTrue(main.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/opt/flink/conf")));
        if (!standalone) {
            assertEquals(List.of("bash", "-c", "kubernetes-jobmanager.sh "
                    + (spec.job == null ? "kubernetes-session" : "kubernetes-application")), main.getArgs());
            assertTrue(cm.getData().containsKey("taskmanager-pod-template.yaml"));
        }
        // The user's pod template: every container and volume it names is kept.
        if (spec.podTemplate != null) {
            spec.podTemplate.getSpec().getContainers().forEach(c -> assertTrue(pod.getContainers().stream()
                    .anyMatch(p -> p.getName().equals(c.getName())), "container " + c.getName()));
            spec.podTemplate.getSpec().getVolumes().forEach(v -> assertTrue(pod.getVolumes().stream()
                    .anyMatch(p -> p.getName().equals(v.getName())), "volume " + v.getName()));
            spec.podTemplate.getSpec().getContainers().stream().filter(c -> c.getName().equals("flink-main-container"))
                    .flatMap(c -> c.getVolumeMounts().stream()).forEach(m -> assertTrue(main.getVolumeMounts()
                            .stream().anyMatch(x -> x.getMountPath().equals(m.getMountPath())), m.getMountPath()));
        }
        if (spec.jobManager.podTemplate != null) {
            spec.jobManager.podTemplate.getSpec().getInitContainers().forEach(c -> assertTrue(pod.getInitContainers()
                    .stream().anyMatch(p -> p.getName().equals(c.getName())), "init container " + c.getName()));
        }

        // Services
        Service rest = client.services().inNamespace(ns).withName(name + "-rest").get();
        assertEquals(8081, rest.getSpec().getPorts().get(0).getPort());
        assertEquals("jobmanager", rest.getSpec().getSelector().get("component"));
        Service internal = client.services().inNamespace(ns).withName(name).get();
        assertEquals("None", internal.getSpec().getClusterIP());

        // TaskManagers: a Deployment in standalone mode only.
        Deployment tm = client.apps().deployments().inNamespace(ns).withName(name + "-taskmanager").get();
        if (standalone) {
            assertNotNull(tm, "standalone TaskManager Deployment");
            int slots = Integer.parseInt(FlinkConfigFlattener.flatten(spec.flinkConfiguration)
                    .getOrDefault("taskmanager.numberOfTaskSlots", "1"));
            int expected = spec.taskManager.replicas != null ? spec.taskManager.replicas
                    : (spec.job.parallelism + slots - 1) / slots;
            assertEquals(expected, tm.getSpec().getReplicas());
            assertEquals(List.of("taskmanager"), tm.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        } else {
            assertNull(tm, "native mode leaves TaskManagers to Flink");
        }

        Ingress ingress = client.network().v1().ingresses().inNamespace(ns).withName(name).get();
        if (spec.ingress != null) {
            assertNotNull(ingress);
            assertEquals(spec.ingress.template.replace("{{name}}", name).replace("{{namespace}}", ns),
                    ingress.getSpec().getRules().get(0).getHost());
            assertEquals(name + "-rest", ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0)
                    .getBackend().getService().getName());
        } else {
            assertNull(ingress);
        }
    }

    private void checkSessionJob(KubernetesClient client, FlinkSessionJob applied) {
        String ns = applied.getMetadata().getNamespace();
        FlinkSessionJob job = await().atMost(TIMEOUT).until(() -> client.resources(FlinkSessionJob.class)
                .inNamespace(ns).withName(applied.getMetadata().getName()).get(), j -> j.getStatus() != null);
        assertNull(job.getStatus().error, job.getStatus().error);
        assertEquals(ResourceLifecycleState.CREATED, job.getStatus().lifecycleState);
    }

    private static HasMetadata typed(KubernetesClient client, HasMetadata resource) {
        Class<? extends HasMetadata> type = switch (resource.getKind()) {
            case "FlinkDeployment" -> FlinkDeployment.class;
            case "FlinkSessionJob" -> FlinkSessionJob.class;
            case "FlinkStateSnapshot" -> FlinkStateSnapshot.class;
            default -> throw new AssertionError("unexpected kind " + resource.getKind());
        };
        return client.getKubernetesSerialization().convertValue(resource, type);
    }

    private static String quoted(String file, String value) {
        return file.equals("config.yaml") && !value.matches("-?[0-9]+(\\.[0-9]+)?|true|false") ? "'" + value + "'" : value;
    }
}
