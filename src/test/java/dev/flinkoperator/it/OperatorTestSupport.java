package dev.flinkoperator.it;

import static org.awaitility.Awaitility.await;

import dev.flinkoperator.crd.FlinkDeployment;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** What the API-server tests share: a client of their own (so the request log tells test and operator apart). */
final class OperatorTestSupport {
    static final String TEST_AGENT = "flink-operator-test";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private OperatorTestSupport() {
    }

    /** A client whose requests carry the test's user agent, unlike the operator's. */
    static KubernetesClient testClient(KubernetesClient operatorClient) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(operatorClient.getConfiguration())
                .withUserAgent(TEST_AGENT).build()).build();
    }

    /** Takes every request the mock server recorded so far. */
    static List<RecordedRequest> drainRequests(KubernetesServer server) throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.getKubernetesMockServer().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request);
        }
        ApiCallLog.append(requests.stream().filter(OperatorTestSupport::byOperator).toList());
        return requests;
    }

    static boolean byOperator(RecordedRequest request) {
        String agent = request.getHeader("User-Agent");
        return agent == null || !agent.contains(TEST_AGENT);
    }

    static boolean isWrite(RecordedRequest request) {
        return !request.getMethod().equals("GET");
    }

    static FlinkDeployment awaitDeployment(KubernetesClient client, String namespace, String name,
            Predicate<FlinkDeployment> condition) {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(
                () -> client.resources(FlinkDeployment.class).inNamespace(namespace).withName(name).get(),
                fd -> fd != null && condition.test(fd));
    }

    /** Plays the part of the Deployment controller and kubelet: all replicas rolled out and ready. */
    static void markReady(KubernetesClient client, Deployment deployment) {
        int replicas = deployment.getSpec().getReplicas();
        deployment.setStatus(new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
                .withAvailableReplicas(replicas).build());
        client.resource(deployment).updateStatus();
    }

}
