package dev.flinkoperator.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Try the operator without a cluster: an embedded Kubernetes API that kubectl can use, and the operator running
 * against it as its own process, exactly as it runs in a cluster. Development and test runtime only; the operator's
 * code does not know it exists.
 *
 * <p>Environment: {@code SANDBOX_KUBECONFIG} (default target/sandbox/kubeconfig), {@code SANDBOX_OPERATOR_COMMAND}
 * (default the JVM build: java -jar target/quarkus-app/quarkus-run.jar), {@code SANDBOX_FLINK=off} to run no Flink
 * processes (pods stay Pending). Stops everything on SIGINT/SIGTERM.
 */
public final class Sandbox implements AutoCloseable {
    private static final Path WORK = Path.of("target/sandbox");
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final SandboxApi api;
    /** kubernetes.operator.job.stable-after of the sandbox's operator. */
    static final Duration SANDBOX_STABLE_AFTER = Duration.ofSeconds(4);
    private final SandboxNode node;
    private final Process operator;

    private Sandbox(SandboxApi api, SandboxNode node, Process operator) {
        this.api = api;
        this.node = node;
        this.operator = operator;
    }

    /** @param flink whether Flink pods run as local Flink processes */
    public static Sandbox start(Path kubeconfig, List<String> operatorCommand, boolean flink)
            throws IOException, InterruptedException {
        SandboxApi api = SandboxApi.start(Path.of("target/kubernetes"), 0);
        SandboxNode node = null;
        try {
            api.writeKubeconfig(kubeconfig);
            node = new SandboxNode(api.client(), flink ? new FlinkDistributions(Path.of("target/flink")) : null,
                    WORK.resolve("node"),
                    api.writeDirectKubeconfig(WORK.resolve("flink-kubeconfig")).toAbsolutePath());
            int httpPort = FlinkPodLauncher.freePort();
            List<String> command = new ArrayList<>(operatorCommand);
            command.add(1, "-Dquarkus.http.port=" + httpPort);
            ProcessBuilder builder = new ProcessBuilder(ChildProcess.watched(command)).redirectErrorStream(true)
                    .redirectOutput(WORK.resolve("operator.log").toFile());
            builder.environment().putAll(SandboxApi.operatorEnvironment(api.url(), "default"));
            // The operator runs outside the "cluster": it reaches Flink where the node serves the REST Services.
            builder.environment().put("KUBERNETES_OPERATOR_FLINK_REST_ACCESS", "load-balancer");
            // A shorter wait before STABLE than the 30 s default keeps the e2e tier quick; JobLifecycleIT checks it.
            builder.environment().put("KUBERNETES_OPERATOR_JOB_STABLE_AFTER", SANDBOX_STABLE_AFTER.toSeconds() + "s");
            Process operator = builder.start();
            Sandbox sandbox = new Sandbox(api, node, operator);
            sandbox.awaitOperatorReady(httpPort, Duration.ofSeconds(120));
            return sandbox;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (node != null) {
                node.close();
            }
            api.close();
            throw e;
        }
    }

    private void awaitOperatorReady(int port, Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!operator.isAlive()) {
                throw new IOException("the operator exited with " + operator.exitValue() + "; see "
                        + WORK.resolve("operator.log"));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100); // polling a process we started; nothing to await on
        }
        throw new IOException("the operator did not become ready within " + timeout);
    }

    @Override
    public void close() {
        operator.destroy(); // SIGTERM: the operator shuts down cleanly
        try {
            if (!operator.waitFor(20, TimeUnit.SECONDS)) {
                operator.destroyForcibly();
            }
        } catch (InterruptedException e) {
            operator.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        node.close(); // the operator first, so that nothing recreates what the node stops
        api.close();
    }

    public SandboxApi api() {
        return api;
    }

    /** Pods ("namespace/name") that have a running process. */
    public List<String> runningPods() {
        return node.running();
    }

    public static void main(String[] args) throws Exception {
        QUIET.setLevel(java.util.logging.Level.WARNING); // the mock logs every request; the sandbox's output is its own
        Path kubeconfig = Path.of(System.getenv().getOrDefault("SANDBOX_KUBECONFIG", WORK.resolve("kubeconfig").toString()))
                .toAbsolutePath();
        List<String> operatorCommand = List.of(System.getenv().getOrDefault("SANDBOX_OPERATOR_COMMAND",
                "java -jar target/quarkus-app/quarkus-run.jar").split(" "));
        java.nio.file.Files.createDirectories(WORK);
        Sandbox sandbox = start(kubeconfig, operatorCommand, !"off".equals(System.getenv("SANDBOX_FLINK")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-stop"));
        System.out.println("sandbox ready: KUBECONFIG=" + kubeconfig);
        System.out.flush();
        stopped.await();
    }
}
