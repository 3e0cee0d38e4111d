package dev.flinkoperator.packaged;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.spec.FlinkDeploymentSpec;
import dev.flinkoperator.crd.status.JobManagerDeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs the built operator as users run it (a separate process, native binary or JVM jar) against a CRUD mock API
 * server and measures it: time to ready, RSS idle and with 100 FlinkDeployments reconciled, exit time on SIGTERM.
 * Enabled with -Dfootprint.command="path/to/runner" (or "java -jar target/quarkus-app/quarkus-run.jar").
 */
@EnabledIfSystemProperty(named = "footprint.command", matches = ".+")
class FootprintIT {
    private static final int RESOURCES = 100;
    private static final int PORT = 18080;

    @Test
    void operatorStartsReconcilesAndStopsCleanly() throws Exception {
        try (MockApi api = MockApi.start(0)) {
            KubernetesClient client = api.client();
            List<String> command = new ArrayList<>(List.of(System.getProperty("footprint.command").split(" ")));
            // Right after the executable: JVM options for "java ... -jar", program options for the native binary.
            command.addAll(1, List.of("-Dquarkus.http.port=" + PORT, "-Xmx" + System.getProperty("footprint.xmx", "64m")));
            String extra = System.getProperty("footprint.args", "");
            if (!extra.isBlank()) {
                command.addAll(1, List.of(extra.trim().split(" ")));
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("target/footprint-operator.log").toFile());
            builder.environment().putAll(api.operatorEnvironment());
            long start = System.nanoTime();
            Process operator = builder.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                        .until(() -> ready(http));
                long readyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
                long idleRss = rssMiB(operator.pid());
                long idleThreads = threads(operator.pid());

                long createStart = System.nanoTime();
                createAndAwait(client, 0, RESOURCES / 2);
                long halfThreads = threads(operator.pid());
                String halfNames = threadNames(operator.pid());
                createAndAwait(client, RESOURCES / 2, RESOURCES);
                long reconcileMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - createStart);
                assertNotNull(client.apps().deployments().inNamespace(MockApi.NAMESPACE).withName("fd-7").get());
                assertNotNull(client.configMaps().inNamespace(MockApi.NAMESPACE).withName("flink-config-fd-7").get());
                await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
                long loadedRss = rssMiB(operator.pid());
                long threads = threads(operator.pid());
                // Bounded pools, not one thread per resource: 50 more resources add (almost) no threads. The slack is
                // the Kubernetes client's cached pool, which grows with bursts of concurrent watch events and shrinks
                // when idle; the JIT's compiler threads of a JVM are left out of the count.
                assertTrue(threads <= halfThreads + 5, "threads grew from " + halfThreads + " at " + RESOURCES / 2
                        + " resources to " + threads + " at " + RESOURCES + ":\n" + halfNames + "\n"
                        + threadNames(operator.pid()));

                long stopStart = System.nanoTime();
                operator.destroy(); // SIGTERM
                assertTrue(operator.waitFor(30, TimeUnit.SECONDS), "operator did not exit on SIGTERM");
                long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopStart);
                // Quarkus exits 0 after a graceful shutdown; 143 is the JVM's plain answer to SIGTERM.
                assertTrue(operator.exitValue() == 0 || operator.exitValue() == 143, "exit code " + operator.exitValue());
                System.out.printf("FOOTPRINT command=%s ready_ms=%d rss_idle_mib=%d threads_idle=%d reconcile_%d_ms=%d "
                                + "rss_%d_mib=%d threads_%d=%d threads_%d=%d sigterm_exit_ms=%d%n", String.join(" ", command),
                        readyMs, idleRss, idleThreads, RESOURCES, reconcileMs, RESOURCES, loadedRss, RESOURCES / 2,
                        halfThreads, RESOURCES, threads, stopMs);
            } finally {
                operator.destroyForcibly();
            }
        }
    }

    private static boolean ready(HttpClient http) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void createAndAwait(KubernetesClient client, int from, int to) {
        for (int i = from; i < to; i++) {
            client.resource(deployment("fd-" + i)).create();
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> client
                .resources(FlinkDeployment.class).inNamespace(MockApi.NAMESPACE).list().getItems().stream()
                .filter(fd -> fd.getStatus() != null
                        && fd.getStatus().jobManagerDeploymentStatus == JobManagerDeploymentStatus.DEPLOYING)
                .count() == to);
    }

    /**
     * Threads of the process, without the JVM's JIT compiler threads: HotSpot starts and stops those on its own as
     * code gets hot, whatever the number of resources (a native binary has none).
     */
    private static long threads(long pid) throws IOException {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.filter(task -> !threadName(task).contains("CompilerThre")).count();
        }
    }

    /** Thread names without their numbers, counted: what grew, when threads grow. */
    private static String threadNames(long pid) throws IOException {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return new java.util.TreeMap<>(tasks.map(FootprintIT::threadName).map(n -> n.replaceAll("\\d+", "#"))
                    .collect(java.util.stream.Collectors.groupingBy(n -> n, java.util.stream.Collectors.counting())))
                    .toString();
        }
    }

    private static String threadName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (IOException e) {
            return ""; // the thread ended while we looked
        }
    }

    private static long rssMiB(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
                .findFirst().orElseThrow();
    }

    private static FlinkDeployment deployment(String name) {
        FlinkDeployment fd = new FlinkDeployment();
        fd.getMetadata().setName(name);
        fd.getMetadata().setNamespace(MockApi.NAMESPACE);
        fd.setSpec(new FlinkDeploymentSpec());
        fd.getSpec().image = "flink:1.20";
        fd.getSpec().flinkVersion = "v1_20";
        return fd;
    }
}
