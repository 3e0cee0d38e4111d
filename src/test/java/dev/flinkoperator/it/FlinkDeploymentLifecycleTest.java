package dev.flinkoperator.it;

import static dev.flinkoperator.it.OperatorTestSupport.awaitDeployment;
import static dev.flinkoperator.it.OperatorTestSupport.byOperator;
import static dev.flinkoperator.it.OperatorTestSupport.drainRequests;
import static dev.flinkoperator.it.OperatorTestSupport.isWrite;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.status.JobManagerDeploymentStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A FlinkDeployment's life on an API server: deploy, become ready, stay quiet, change, be deleted. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class FlinkDeploymentLifecycleTest extends ApiServerTest {
    private static final String NS = "lifecycle";

    @Inject
    MeterRegistry registry;

    private static FlinkDeployment session(String name) {
        FlinkDeployment fd = new FlinkDeployment();
        fd.getMetadata().setName(name);
        fd.getMetadata().setNamespace(NS);
        fd.setSpec(new dev.flinkoperator.crd.spec.FlinkDeploymentSpec());
        fd.getSpec().image = "flink:1.20";
        fd.getSpec().flinkVersion = "v1_20";
        return fd;
    }

    @Test
    void deployingTakesAtMostSixOperatorRequestsAndAQuietReconcileWritesNothing() throws Exception {
        KubernetesClient test = OperatorTestSupport.testClient(operatorClient);
        drainRequests(server);
        test.resource(session("quiet")).create();
        FlinkDeployment deployed = awaitDeployment(test, NS, "quiet",
                fd -> fd.getStatus() != null && fd.getStatus().jobManagerDeploymentStatus == JobManagerDeploymentStatus.DEPLOYING);
        await().pollDelay(Duration.ofMillis(300)).until(() -> true); // let any trailing request land
        List<RecordedRequest> deployRequests = drainRequests(server).stream().filter(OperatorTestSupport::byOperator)
                .filter(r -> r.getPath().contains("/namespaces/" + NS + "/")).toList();
        System.out.printf("operator requests to deploy one FlinkDeployment: %d %s%n", deployRequests.size(),
                deployRequests.stream().map(r -> r.getMethod() + " " + r.getPath()).toList());
        assertTrue(deployRequests.size() <= 6, "deploying took " + deployRequests.size() + " requests: "
                + deployRequests.stream().map(r -> r.getMethod() + " " + r.getPath()).toList());
        assertEquals(ResourceLifecycleState.DEPLOYED, deployed.getStatus().lifecycleState);

        // The JobManager becomes ready: one status write, READY and a Ready condition.
        Deployment jm = test.apps().deployments().inNamespace(NS).withName("quiet").get();
        OperatorTestSupport.markReady(test, jm);
        FlinkDeployment ready = awaitDeployment(test, NS, "quiet",
                fd -> fd.getStatus().jobManagerDeploymentStatus == JobManagerDeploymentStatus.READY);
        assertEquals(ResourceLifecycleState.STABLE, ready.getStatus().lifecycleState);
        var condition = ready.getStatus().conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
        assertEquals("True", condition.getStatus());
        assertEquals(ready.getMetadata().getGeneration(), condition.getObservedGeneration());

        // Another event on an owned object triggers a reconcile that must find nothing to do.
        double before = reconciliations();
        drainRequests(server);
        Deployment live = test.apps().deployments().inNamespace(NS).withName("quiet").get();
        live.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder()
                .withType("Available").withStatus("True").withReason("MinimumReplicasAvailable").build()));
        test.resource(live).updateStatus();
        await().atMost(OperatorTestSupport.TIMEOUT).until(() -> reconciliations() > before);
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        List<String> writes = drainRequests(server).stream().filter(OperatorTestSupport::byOperator)
                .filter(OperatorTestSupport::isWrite).map(r -> r.getMethod() + " " + r.getPath()).toList();
        assertEquals(List.of(), writes, "a reconcile with nothing changed must write nothing");
        FlinkDeployment after = test.resources(FlinkDeployment.class).inNamespace(NS).withName("quiet").get();
        assertEquals(condition.getLastTransitionTime(), after.getStatus().conditions.get(0).getLastTransitionTime());
    }

    @Test
    void aSpecChangeRollsTheJobManagerAndRewritesTheConfig() {
        KubernetesClient test = OperatorTestSupport.testClient(operatorClient);
        test.resource(session("rolling")).create();
        awaitDeployment(test, NS, "rolling", fd -> fd.getStatus() != null && fd.getStatus().observedGeneration != null);
        Deployment first = test.apps().deployments().inNamespace(NS).withName("rolling").get();
        String firstHash = first.getSpec().getTemplate().getMetadata().getAnnotations().get("flinkoperator.dev/config-hash");

        // A patch, as kubectl apply sends it: no conflict with the operator's own status writes.
        test.resources(FlinkDeployment.class).inNamespace(NS).withName("rolling").edit(fd -> {
            fd.getSpec().flinkConfiguration = test.getKubernetesSerialization().convertValue(
                    java.util.Map.of("taskmanager.numberOfTaskSlots", 4), com.fasterxml.jackson.databind.JsonNode.class);
            return fd;
        });

        await().atMost(OperatorTestSupport.TIMEOUT).until(() -> test.configMaps().inNamespace(NS)
                .withName("flink-config-rolling").get().getData().get("flink-conf.yaml")
                .contains("taskmanager.numberOfTaskSlots: 4"));
        Deployment second = await().atMost(OperatorTestSupport.TIMEOUT).until(
                () -> test.apps().deployments().inNamespace(NS).withName("rolling").get(),
                d -> !firstHash.equals(d.getSpec().getTemplate().getMetadata().getAnnotations()
                        .get("flinkoperator.dev/config-hash")));
        assertNotEquals(first.getMetadata().getResourceVersion(), second.getMetadata().getResourceVersion());
        FlinkDeployment updated = awaitDeployment(test, NS, "rolling",
                d -> d.getStatus().observedGeneration.equals(d.getMetadata().getGeneration()));
        assertTrue(updated.getStatus().reconciliationStatus.lastReconciledSpec.contains("\"taskmanager.numberOfTaskSlots\":4"));
    }

    @Test
    void deletingTheResourceRemovesEverythingTheOperatorMade() {
        KubernetesClient test = OperatorTestSupport.testClient(operatorClient);
        FlinkDeployment fd = session("doomed");
        fd.getSpec().ingress = new dev.flinkoperator.crd.spec.IngressSpec();
        fd.getSpec().ingress.template = "{{name}}.{{namespace}}.flink.example.com";
        fd.getSpec().mode = dev.flinkoperator.crd.spec.KubernetesDeploymentMode.STANDALONE;
        fd.getSpec().taskManager = new dev.flinkoperator.crd.spec.TaskManagerSpec();
        fd.getSpec().taskManager.replicas = 2;
        test.resource(fd).create();
        awaitDeployment(test, NS, "doomed", d -> d.getStatus() != null && d.getStatus().jobManagerDeploymentStatus != null);
        assertEquals(5, owned(test, "doomed").size(), "ConfigMap, 2 Services, Ingress and the JobManager Deployment: "
                + owned(test, "doomed"));

        test.resources(FlinkDeployment.class).inNamespace(NS).withName("doomed").delete();
        await().atMost(OperatorTestSupport.TIMEOUT).until(
                () -> test.resources(FlinkDeployment.class).inNamespace(NS).withName("doomed").get() == null);
        await().atMost(OperatorTestSupport.TIMEOUT).until(() -> owned(test, "doomed").isEmpty()
                && test.apps().deployments().inNamespace(NS).withName("doomed-taskmanager").get() == null);
    }

    @Test
    void aJobManagerPodThatCannotStartIsExplainedAndItsPodsGoWithTheResource() {
        KubernetesClient test = OperatorTestSupport.testClient(operatorClient);
        test.resource(session("stuck")).create();
        awaitDeployment(test, NS, "stuck", fd -> fd.getStatus() != null && fd.getStatus().jobManagerDeploymentStatus != null);
        // The kubelet's view: the JobManager pod cannot pull its image, a TaskManager pod Flink made is running.
        test.resource(new PodBuilder().withNewMetadata().withName("stuck-7d9f-abcde").withNamespace(NS)
                .withLabels(Map.of("app", "stuck", "component", "jobmanager", "type", "flink-native-kubernetes"))
                .endMetadata().withNewStatus().withPhase("Pending").addNewContainerStatus()
                .withName("flink-main-container").withNewState().withNewWaiting().withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image \"flink:1.20\"").endWaiting().endState()
                .endContainerStatus().endStatus().build()).create();
        test.resource(new PodBuilder().withNewMetadata().withName("stuck-taskmanager-1-1").withNamespace(NS)
                .withLabels(Map.of("app", "stuck", "component", "taskmanager", "type", "flink-native-kubernetes"))
                .endMetadata().build()).create();
        // The Deployment controller's view: rolling out for a minute, nothing available.
        Deployment jm = test.apps().deployments().inNamespace(NS).withName("stuck").get();
        jm.setStatus(new DeploymentStatusBuilder().withObservedGeneration(jm.getMetadata().getGeneration())
                .withReplicas(1).withUpdatedReplicas(1).withUnavailableReplicas(1)
                .addNewCondition().withType("Progressing").withStatus("True").withReason("ReplicaSetUpdated")
                .withLastUpdateTime(Instant.now().minusSeconds(60).toString()).endCondition().build());
        test.resource(jm).updateStatus();

        FlinkDeployment reported = awaitDeployment(test, NS, "stuck", fd -> fd.getStatus().error != null);
        assertEquals(JobManagerDeploymentStatus.ERROR, reported.getStatus().jobManagerDeploymentStatus);
        assertTrue(reported.getStatus().error.contains("stuck-7d9f-abcde")
                && reported.getStatus().error.contains("ImagePullBackOff (Back-off pulling image"), reported.getStatus().error);
        await().atMost(OperatorTestSupport.TIMEOUT).until(() -> test.v1().events().inNamespace(NS).list().getItems()
                .stream().anyMatch(e -> e.getInvolvedObject().getName().equals("stuck")
                        && "JobManagerDeploymentFailed".equals(e.getReason()) && e.getMessage().contains("ImagePullBackOff")));

        test.resources(FlinkDeployment.class).inNamespace(NS).withName("stuck").delete();
        await().atMost(OperatorTestSupport.TIMEOUT).until(
                () -> test.pods().inNamespace(NS).withLabel("app", "stuck").list().getItems().isEmpty());
    }

    @Test
    void aSessionJobErrorClearsWhenItsSessionClusterAppears() {
        KubernetesClient test = OperatorTestSupport.testClient(operatorClient);
        FlinkSessionJob job = new FlinkSessionJob();
        job.getMetadata().setName("early-job");
        job.getMetadata().setNamespace(NS);
        job.setSpec(new dev.flinkoperator.crd.spec.FlinkSessionJobSpec());
        job.getSpec().deploymentName = "late-session";
        job.getSpec().job = new dev.flinkoperator.crd.spec.JobSpec();
        job.getSpec().job.jarURI = "https://example.com/job.jar";
        test.resource(job).create();
        await().atMost(OperatorTestSupport.TIMEOUT).until(() -> test.resources(FlinkSessionJob.class).inNamespace(NS)
                .withName("early-job").get(), j -> j.getStatus() != null && j.getStatus().error != null
                && j.getStatus().error.contains("'late-session'"));

        test.resource(session("late-session")).create();
        await().atMost(OperatorTestSupport.TIMEOUT).until(() -> test.resources(FlinkSessionJob.class).inNamespace(NS)
                .withName("early-job").get(), j -> j.getStatus().error == null);
    }

    @Test
    void healthAndPrometheusMetricsAnswer() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("operator_sdk_reconciliations_started_total"))
                .body(containsString("operator_sdk_controllers_execution_reconcile_seconds"));
    }

    private static List<String> owned(KubernetesClient client, String name) {
        List<String> names = new java.util.ArrayList<>();
        client.configMaps().inNamespace(NS).withLabel("app", name).list().getItems().forEach(o -> names.add("cm/" + o.getMetadata().getName()));
        client.services().inNamespace(NS).withLabel("app", name).list().getItems().forEach(o -> names.add("svc/" + o.getMetadata().getName()));
        client.network().v1().ingresses().inNamespace(NS).withLabel("app", name).list().getItems().forEach(o -> names.add("ing/" + o.getMetadata().getName()));
        client.apps().deployments().inNamespace(NS).withLabel("app", name).withLabel("component", "jobmanager").list().getItems().forEach(o -> names.add("deploy/" + o.getMetadata().getName()));
        return names;
    }

    private double reconciliations() {
        return registry.find("operator.sdk.reconciliations.started").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
