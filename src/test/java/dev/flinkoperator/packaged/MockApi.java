package dev.flinkoperator.packaged;

import dev.flinkoperator.sandbox.SandboxApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A CRUD mock API server with our generated CRDs, for running the packaged operator (JVM jar or native binary) as a
 * separate process, as users do.
 */
final class MockApi implements AutoCloseable {
    static final String NAMESPACE = "default";

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockApi(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    /** @param port 0 for any free port */
    static MockApi start(int port) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        try {
            server.init(InetAddress.getLoopbackAddress(), port);
            MockApi api = new MockApi(server);
            SandboxApi.installCrds(api.client, Path.of("target/kubernetes"));
            return api;
        } catch (IOException e) {
            server.destroy();
            throw new UncheckedIOException(e);
        }
    }

    KubernetesClient client() {
        return client;
    }

    Map<String, String> operatorEnvironment() {
        return SandboxApi.operatorEnvironment(client.getConfiguration().getMasterUrl(), NAMESPACE);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
