package dev.flinkoperator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;

/**
 * What the API-server tests share: the mock server, the operator's client, and recording every call the operator
 * made (drained after each test into {@link ApiCallLog} for the RBAC check).
 */
abstract class ApiServerTest {
    @KubernetesTestServer
    KubernetesServer server;
    @Inject
    KubernetesClient operatorClient;

    @AfterEach
    void recordApiCalls() throws InterruptedException {
        OperatorTestSupport.drainRequests(server);
    }
}
