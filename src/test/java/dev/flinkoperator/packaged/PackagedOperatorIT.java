package dev.flinkoperator.packaged;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.spec.FlinkDeploymentSpec;
import dev.flinkoperator.crd.status.JobManagerDeploymentStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The packaged operator, as Quarkus built it (the JVM jar in the default tier, the native binary in make native-test),
 * launched as its own process against a mock API server: it becomes ready, answers health and metrics, reconciles a
 * FlinkDeployment into its objects and writes its status. Exit on SIGTERM is measured by {@link FootprintIT}.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = MockApiResource.class, restrictToAnnotatedClass = true)
class PackagedOperatorIT {

    @Test
    void becomesReadyAndServesHealthAndMetrics() {
        given().get("/q/health/live").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void reconcilesAFlinkDeploymentIntoItsObjectsAndStatus() {
        KubernetesClient client = MockApiResource.api().client();
        FlinkDeployment fd = new FlinkDeployment();
        fd.getMetadata().setName("packaged");
        fd.getMetadata().setNamespace(MockApi.NAMESPACE);
        fd.setSpec(new FlinkDeploymentSpec());
        fd.getSpec().image = "flink:1.20";
        fd.getSpec().flinkVersion = "v1_20";
        client.resource(fd).create();

        FlinkDeployment deployed = await().atMost(Duration.ofSeconds(30)).until(() -> client
                .resources(FlinkDeployment.class).inNamespace(MockApi.NAMESPACE).withName("packaged").get(),
                d -> d.getStatus() != null && d.getStatus().jobManagerDeploymentStatus != null);
        assertEquals(JobManagerDeploymentStatus.DEPLOYING, deployed.getStatus().jobManagerDeploymentStatus);
        assertEquals(ResourceLifecycleState.DEPLOYED, deployed.getStatus().lifecycleState);
        Deployment jobManager = client.apps().deployments().inNamespace(MockApi.NAMESPACE).withName("packaged").get();
        assertEquals("flink:1.20", jobManager.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(deployed.getMetadata().getUid(), jobManager.getMetadata().getOwnerReferences().get(0).getUid());
        assertNotNull(client.configMaps().inNamespace(MockApi.NAMESPACE).withName("flink-config-packaged").get());
        assertNotNull(client.services().inNamespace(MockApi.NAMESPACE).withName("packaged-rest").get());
    }
}
