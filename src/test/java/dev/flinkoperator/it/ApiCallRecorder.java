package dev.flinkoperator.it;

import io.quarkus.test.kubernetes.client.KubernetesServer;
import org.junit.jupiter.api.AfterEach;

/** Drains the mock server's request log after each test into {@link ApiCallLog}. */
abstract class ApiCallRecorder {
    /** Subclasses hand over their injected server. */
    abstract KubernetesServer server();

    @AfterEach
    void recordApiCalls() throws InterruptedException {
        OperatorTestSupport.drainRequests(server());
    }
}
