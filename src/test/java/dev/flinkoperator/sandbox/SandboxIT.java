package dev.flinkoperator.sandbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.ReferenceData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The sandbox as a user runs it: its own process, the "sandbox ready" line, then the real kubectl against the
 * kubeconfig it wrote (apply, get, watch, describe, delete) while the packaged operator reconciles; SIGTERM stops it
 * and the operator with it.
 */
class SandboxIT {
    private static final Path KUBECONFIG = Path.of("target/sandbox-it/kubeconfig").toAbsolutePath();
    private static final String EXAMPLE = "basic-session-deployment-only";
    private static final String NAME = "basic-session-deployment-only-example";

    @Test
    void kubectlDrivesTheOperatorInTheSandboxAndStopStopsEverything() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed here: the sandbox's kubectl test is skipped");
        Path example = ReferenceData.root().resolve("examples/" + EXAMPLE + ".yaml");
        Process sandbox = startSandbox();
        try {
            // A watch started first must stream the resource's changes (kubectl reads watches as HTTP streams).
            Process watch = kubectl("get", "flinkdep", "-w", "-o", "jsonpath={.status.lifecycleState}{\"\\n\"}")
                    .start();
            List<String> watched = new CopyOnWriteArrayList<>();
            CompletableFuture.runAsync(() -> collect(watch, watched));

            assertEquals(0, run(kubectl("apply", "-f", example.toString())).exit());
            await().atMost(Duration.ofSeconds(30)).until(() -> run(kubectl("get", "flinkdep", NAME, "-o",
                    "jsonpath={.status.lifecycleState}")).out().equals("DEPLOYED"));
            await().atMost(Duration.ofSeconds(10)).until(() -> watched.contains("DEPLOYED"));
            watch.destroy();

            // Server-side printing: the CRD's printer columns, as an API server renders them.
            Result table = run(kubectl("get", "flinkdep"));
            assertTrue(table.out().contains("LIFECYCLE STATE") && table.out().contains("DEPLOYED"), table.out());
            Result services = run(kubectl("get", "svc", "-o", "name"));
            assertTrue(services.out().contains("service/" + NAME + "-rest"), services.out());
            Result described = run(kubectl("describe", "flinkdep", NAME));
            assertTrue(described.out().contains("Lifecycle State:") && described.out().contains("DEPLOYED"),
                    described.out());
            // The node's pod status as kubectl shows it (describe reads events offering protobuf first)
            await().atMost(Duration.ofSeconds(30)).until(() -> run(kubectl("get", "pods")).out().contains("Pending"));
            Result pod = run(kubectl("describe", "pod", "-l", "component=jobmanager"));
            assertTrue(pod.exit() == 0 && pod.out().contains("SandboxFlinkOff"), pod.out());

            assertEquals(0, run(kubectl("delete", "-f", example.toString(), "--timeout=30s")).exit());
            assertEquals("", run(kubectl("get", "flinkdep", "-o", "name")).out());
            assertEquals("", run(kubectl("get", "deploy", "-o", "name")).out());

            List<ProcessHandle> children = sandbox.descendants().toList();
            assertTrue(children.stream().anyMatch(ProcessHandle::isAlive), "the operator runs as a child process");
            sandbox.destroy(); // SIGTERM
            assertTrue(sandbox.waitFor(30, TimeUnit.SECONDS), "the sandbox did not stop on SIGTERM");
            await().atMost(Duration.ofSeconds(5)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            sandbox.descendants().forEach(ProcessHandle::destroyForcibly);
            sandbox.destroyForcibly();
        }
    }

    @Test
    void nothingItStartedOutlivesASandboxThatWasKilled() throws Exception {
        Process sandbox = startSandbox();
        try {
            List<ProcessHandle> children = sandbox.descendants().toList();
            assertTrue(children.size() >= 2, "the operator and its watchdog: " + children);
            sandbox.destroyForcibly(); // SIGKILL: no shutdown hook runs
            await().atMost(Duration.ofSeconds(15)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            sandbox.descendants().forEach(ProcessHandle::destroyForcibly);
            sandbox.destroyForcibly();
        }
    }

    private static Process startSandbox() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Sandbox.class.getName()).redirectErrorStream(true);
        builder.environment().put("SANDBOX_KUBECONFIG", KUBECONFIG.toString());
        builder.environment().put("SANDBOX_FLINK", "off"); // kubectl and the API only; Flink runs in the e2e tier
        Process sandbox = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture.runAsync(() -> collect(sandbox, output));
        await().atMost(Duration.ofSeconds(120)).until(() -> output.contains("sandbox ready: KUBECONFIG=" + KUBECONFIG)
                || !sandbox.isAlive());
        assertTrue(sandbox.isAlive(), String.join("\n", output));
        return sandbox;
    }

    private record Result(int exit, String out) {
    }

    private static ProcessBuilder kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KUBECONFIG", KUBECONFIG.toString());
        return builder;
    }

    private static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", builder.command()));
        System.out.printf("$ %s%n%s%n", String.join(" ", builder.command()), out);
        return new Result(process.exitValue(), out.startsWith("No resources found") ? "" : out);
    }

    private static void collect(Process process, List<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line.trim());
            }
        } catch (IOException ended) {
            // the process ended
        }
    }

    private static boolean onPath(String program) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
