package dev.flinkoperator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.FlinkStateSnapshot;
import dev.flinkoperator.crd.status.FlinkStateSnapshotStatus.SnapshotState;
import dev.flinkoperator.crd.status.JobManagerDeploymentStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each kind of bad input: a status error and a Warning event a user can act on, no object created, and the operator
 * goes on serving the next resource.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class BadInputTest extends ApiServerTest {
    private static final String NS = "bad-input";
    private static final String GOOD_SPEC = """
              image: flink:1.20
              flinkVersion: v1_20
              job:
                jarURI: local:///opt/flink/examples/streaming/TopSpeedWindowing.jar
                parallelism: 2
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing-image       | image: flink:1.20 ->                                                 | spec.image is required
            unknown-version     | flinkVersion: v1_20 -> flinkVersion: v9_9                            | 'v9_9' is not a known Flink version
            zero-parallelism    | parallelism: 2 -> parallelism: 0                                     | spec.job.parallelism must be at least 1
            negative-parallel   | parallelism: 2 -> parallelism: -3                                    | spec.job.parallelism must be at least 1
            ftp-jar             | local:///opt -> ftp://host/opt                                       | unsupported scheme 'ftp'
            jm-replicas-no-ha   | job: -> jobManager: {replicas: 2}\\n  job:                           | high availability is off
            bad-memory          | job: -> jobManager: {resource: {memory: lots}}\\n  job:              | spec.jobManager.resource.memory 'lots' is not a memory size
            bad-cpu             | job: -> taskManager: {resources: {requests: {cpu: -1}}}\\n  job:     | spec.taskManager.resources.requests.cpu must be more than zero
            template-kind       | job: -> podTemplate: {kind: Deployment}\\n  job:                     | spec.podTemplate.kind must be Pod
            template-no-name    | job: -> podTemplate: {spec: {containers: [{image: busybox}]}}\\n  job: | spec.podTemplate.spec.containers has a container without a name
            template-mount      | job: -> podTemplate: {spec: {containers: [{name: flink-main-container, volumeMounts: [{name: data, mountPath: /d}]}]}}\\n  job: | mounts volume 'data' which is not defined
            """)
    void badFlinkDeploymentIsReportedAndNothingIsCreated(String name, String edit, String expected) {
        KubernetesClient client = OperatorTestSupport.testClient(operatorClient);
        String[] change = edit.split("->", 2);
        String spec = GOOD_SPEC.replace(change[0].trim(), change.length > 1 ? change[1].trim().replace("\\n", "\n") : "");
        FlinkDeployment fd = parse(client, FlinkDeployment.class, name, spec);
        client.resource(fd).create();

        FlinkDeployment reported = OperatorTestSupport.awaitDeployment(client, NS, name,
                d -> d.getStatus() != null && d.getStatus().error != null);
        assertTrue(reported.getStatus().error.contains(expected), reported.getStatus().error);
        assertEquals("False", reported.getStatus().conditions.get(0).getStatus());
        assertEquals("InvalidSpec", reported.getStatus().conditions.get(0).getReason());
        assertWarningEvent(client, reported, expected);
        assertNull(client.apps().deployments().inNamespace(NS).withName(name).get());
        assertNull(client.configMaps().inNamespace(NS).withName("flink-config-" + name).get());
        assertNull(client.services().inNamespace(NS).withName(name + "-rest").get());

        // The operator keeps serving: a good resource right after deploys.
        client.resource(parse(client, FlinkDeployment.class, name + "-ok", GOOD_SPEC)).create();
        OperatorTestSupport.awaitDeployment(client, NS, name + "-ok",
                d -> d.getStatus() != null && d.getStatus().jobManagerDeploymentStatus == JobManagerDeploymentStatus.DEPLOYING);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing-session | nowhere         | FlinkDeployment 'nowhere' named by spec.deploymentName does not exist
            app-not-session | app-cluster     | runs an application
            """)
    void sessionJobPointingAtNoSessionClusterIsReported(String name, String deploymentName, String expected) {
        KubernetesClient client = OperatorTestSupport.testClient(operatorClient);
        if (client.resources(FlinkDeployment.class).inNamespace(NS).withName("app-cluster").get() == null) {
            client.resource(parse(client, FlinkDeployment.class, "app-cluster", GOOD_SPEC)).create();
        }
        FlinkSessionJob job = parse(client, FlinkSessionJob.class, name, """
                  deploymentName: %s
                  job:
                    jarURI: https://example.com/job.jar
                    parallelism: 1
                """.formatted(deploymentName));
        client.resource(job).create();
        FlinkSessionJob reported = await().atMost(OperatorTestSupport.TIMEOUT).until(() -> client
                .resources(FlinkSessionJob.class).inNamespace(NS).withName(name).get(),
                j -> j.getStatus() != null && j.getStatus().error != null);
        assertTrue(reported.getStatus().error.contains(expected), reported.getStatus().error);
        assertWarningEvent(client, reported, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            both-kinds      | {savepoint: {path: /s}, checkpoint: {}, jobReference: {kind: FlinkDeployment, name: a}} | exactly one of spec.savepoint and spec.checkpoint
            no-job          | {checkpoint: {}}                                                                        | spec.jobReference
            existing-no-path| {savepoint: {alreadyExists: true}}                                                      | spec.savepoint.path is required
            """)
    void unclearSnapshotRequestFails(String name, String spec, String expected) {
        KubernetesClient client = OperatorTestSupport.testClient(operatorClient);
        FlinkStateSnapshot snapshot = client.getKubernetesSerialization().unmarshal("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkStateSnapshot
                metadata: {name: %s, namespace: %s}
                spec: %s""".formatted(name, NS, spec), FlinkStateSnapshot.class);
        client.resource(snapshot).create();
        FlinkStateSnapshot reported = await().atMost(OperatorTestSupport.TIMEOUT).until(() -> client
                .resources(FlinkStateSnapshot.class).inNamespace(NS).withName(name).get(),
                s -> s.getStatus() != null && s.getStatus().state != null);
        assertEquals(SnapshotState.FAILED, reported.getStatus().state);
        assertTrue(reported.getStatus().error.contains(expected), reported.getStatus().error);
        assertWarningEvent(client, reported, expected);
    }

    private static void assertWarningEvent(KubernetesClient client, HasMetadata resource, String expected) {
        List<Event> events = await().atMost(OperatorTestSupport.TIMEOUT).until(() -> client.v1().events().inNamespace(NS)
                .list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(resource.getMetadata().getName()))
                .toList(), list -> !list.isEmpty());
        Event event = events.get(0);
        assertEquals("Warning", event.getType());
        assertEquals("InvalidSpec", event.getReason());
        assertEquals(resource.getKind(), event.getInvolvedObject().getKind());
        assertTrue(event.getMessage().contains(expected), event.getMessage());
    }

    private static <T extends HasMetadata> T parse(KubernetesClient client, Class<T> type, String name, String spec) {
        String kind = type.getSimpleName();
        return client.getKubernetesSerialization().unmarshal("""
                apiVersion: flink.apache.org/v1beta1
                kind: %s
                metadata:
                  name: %s
                  namespace: %s
                spec:
                %s""".formatted(kind, name, NS, spec), type);
    }
}
