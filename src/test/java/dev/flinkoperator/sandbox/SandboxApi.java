package dev.flinkoperator.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

/**
 * The sandbox's Kubernetes API: the fabric8 CRUD mock with discovery, our CRDs installed, and a kubeconfig for it
 * that kubectl and Flink's own Kubernetes client can use.
 */
public final class SandboxApi implements AutoCloseable {
    private static final List<String> CRDS = List.of("flinkdeployments", "flinksessionjobs", "flinkstatesnapshots");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final SandboxProxy proxy;
    private GarbageCollector garbageCollector;
    private DeploymentController deployments;

    private SandboxApi(KubernetesMockServer server) throws IOException {
        this.server = server;
        this.client = server.createClient();
        this.proxy = new SandboxProxy(java.net.URI.create(client.getConfiguration().getMasterUrl()), 0);
    }

    /**
     * @param crdDir where the build wrote our CRDs (target/kubernetes)
     * @param port 0 for any free port
     */
    public static SandboxApi start(Path crdDir, int port) throws IOException {
        SandboxDispatcher dispatcher = new SandboxDispatcher();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), port);
        dispatcher.serverAddress(server.getHostName() + ":" + server.getPort());
        SandboxApi api = new SandboxApi(server);
        installCrds(api.client, crdDir);
        api.garbageCollector = new GarbageCollector(api.client);
        api.deployments = new DeploymentController(api.client);
        return api;
    }

    /** Creates our three CRDs, as the build generated them, through the given client. */
    public static void installCrds(KubernetesClient client, Path crdDir) throws IOException {
        for (String plural : CRDS) {
            client.resource(Serialization.unmarshal(Files.readString(
                    crdDir.resolve(plural + ".flink.apache.org-v1.yml")), CustomResourceDefinition.class)).create();
        }
    }

    /**
     * How an operator process finds a mock API: the fabric8 client's own variables, which a native binary reads at run
     * time (Quarkus fixes its quarkus.kubernetes-client.* settings at build time there).
     */
    public static java.util.Map<String, String> operatorEnvironment(String apiUrl, String namespace) {
        return java.util.Map.of("KUBERNETES_MASTER", apiUrl,
                "KUBERNETES_TRUST_CERTIFICATES", "true",
                "KUBERNETES_AUTH_TRYKUBECONFIG", "false",
                "KUBERNETES_NAMESPACE", namespace);
    }

    public KubernetesClient client() {
        return client;
    }

    /** Where fabric8 clients (the operator, Flink) reach the API: the mock itself, watches over WebSockets. */
    public String url() {
        return client.getConfiguration().getMasterUrl();
    }

    /**
     * Writes a kubeconfig (plain HTTP on the loopback, namespace "default") for kubectl: it points at the proxy,
     * which turns the mock's WebSocket watches into the streamed ones kubectl reads.
     */
    public Path writeKubeconfig(Path file) throws IOException {
        return writeKubeconfig(file, proxy.url());
    }

    /** A kubeconfig for fabric8 clients (Flink's native Kubernetes integration): the mock itself. */
    public Path writeDirectKubeconfig(Path file) throws IOException {
        return writeKubeconfig(file, url());
    }

    private static Path writeKubeconfig(Path file, String server) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: sandbox
                  cluster:
                    server: %s
                contexts:
                - name: sandbox
                  context:
                    cluster: sandbox
                    namespace: default
                    user: sandbox
                current-context: sandbox
                users:
                - name: sandbox
                  user:
                    token: sandbox
                """.formatted(server));
        return file;
    }

    @Override
    public void close() {
        if (deployments != null) {
            deployments.close();
        }
        if (garbageCollector != null) {
            garbageCollector.close();
        }
        proxy.close();
        client.close();
        server.destroy();
    }

    /** Starts the API alone and waits: for trying kubectl against it by hand. */
    public static void main(String[] args) throws Exception {
        try (SandboxApi api = start(Path.of("target/kubernetes"), 0)) {
            System.out.println("sandbox ready: KUBECONFIG=" + api.writeKubeconfig(Path.of("target/sandbox/kubeconfig"))
                    .toAbsolutePath());
            Thread.currentThread().join();
        }
    }
}
