package dev.flinkoperator.sandbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.flink.AggregatedMetric;
import dev.flinkoperator.flink.CheckpointKind;
import dev.flinkoperator.flink.CheckpointRequest;
import dev.flinkoperator.flink.CheckpointStats;
import dev.flinkoperator.flink.FlinkJobStatus;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.HttpFlinkRestClients;
import dev.flinkoperator.flink.JarRunRequest;
import dev.flinkoperator.flink.JobDetails;
import dev.flinkoperator.flink.OperationStatus;
import dev.flinkoperator.flink.ParallelismBounds;
import dev.flinkoperator.flink.RestoreMode;
import dev.flinkoperator.flink.SavepointRequest;
import dev.flinkoperator.flink.SnapshotFormat;
import dev.flinkoperator.flink.StopWithSavepointRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our Flink REST client against real JobManagers (1.20.0 and 2.3.0, session clusters in the sandbox): the calls the
 * job lifecycle is built from, each checked by what Flink does (a job runs under the id we chose, a savepoint's
 * files appear and go when disposed, a job restored from a savepoint reports that path as restored). Tier e2e.
 */
@Tag("e2e")
class FlinkRestClientIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static Sandbox sandbox;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxFlinkIT.startWithFlink();
        client = sandbox.api().client();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @ParameterizedTest(name = "Flink {0}")
    @CsvSource({"1.20, v1_20, 1.20.0", "2.3, v2_3, 2.3.0"})
    void theLifecycleCallsWorkOnARealJobManager(String tag, String flinkVersion, String version) throws Exception {
        String name = "rest-" + tag.replace('.', '-');
        Path snapshots = Files.createDirectories(Path.of("target/sandbox/snapshots", name).toAbsolutePath());
        FlinkDeployment session = SandboxFlinkIT.flinkDeployment(name, tag, flinkVersion, """
                  mode: standalone
                """);
        session.getSpec().taskManager.replicas = 1;
        var config = (com.fasterxml.jackson.databind.node.ObjectNode) session.getSpec().flinkConfiguration;
        config.put("taskmanager.numberOfTaskSlots", "4");
        config.put("execution.checkpointing.interval", "2s");
        config.put("jobmanager.scheduler", "adaptive"); // resource requirements are the adaptive scheduler's
        config.put("state.checkpoints.dir", snapshots.resolve("checkpoints").toUri().toString());
        client.resource(session).create();
        try {
            FlinkRestClient flink = await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> restClient(name), c -> c != null && answers(c::overview));
            assertEquals(version, flink.dashboardConfig().flinkVersion());
            await().atMost(TIMEOUT).until(() -> flink.overview().slotsTotal() == 4);

            String jarId = flink.uploadJar(Path.of("target/flink", version, "examples/streaming/TopSpeedWindowing.jar"));
            String jobId = FlinkRestClient.newTriggerId(); // 32 hex digits, as a job id is too
            assertEquals(jobId, flink.runJar(jarId, JarRunRequest.fresh(null, List.of(), 1, jobId)).jobId(),
                    "the job runs under the id we chose");
            awaitState(flink, jobId, FlinkJobStatus.RUNNING);
            JobDetails details = await().atMost(TIMEOUT).until(() -> flink.job(jobId),
                    d -> d.vertices().stream().allMatch(v -> "RUNNING".equals(v.status())));
            String source = details.vertices().get(0).id();

            // Checkpoints: periodic ones complete, and a manual one completes with its id
            CheckpointStats stats = await().atMost(TIMEOUT).until(() -> flink.checkpointStats(jobId),
                    s -> s.latest().completed() != null);
            assertTrue(stats.latest().completed().externalPath().contains(snapshots.toString()), stats.toString());
            String checkpoint = flink.triggerCheckpoint(jobId, new CheckpointRequest(CheckpointKind.FULL, null));
            OperationStatus checkpointed = await().atMost(TIMEOUT).until(() -> flink.checkpointStatus(jobId, checkpoint),
                    OperationStatus::isDone);
            assertEquals(OperationStatus.State.COMPLETED, checkpointed.state(), String.valueOf(checkpointed.failure()));
            assertNotNull(checkpointed.checkpointId());

            // Metrics and resource requirements, which the autoscaler reads
            Map<String, AggregatedMetric> metrics = await().atMost(TIMEOUT)
                    .until(() -> flink.vertexMetrics(jobId, source, List.of("numRecordsOutPerSecond")), m -> !m.isEmpty());
            assertNotNull(metrics.get("numRecordsOutPerSecond").max());
            Map<String, ParallelismBounds> requirements = new java.util.HashMap<>(flink.resourceRequirements(jobId));
            assertEquals(details.vertices().size(), requirements.size());
            requirements.put(source, new ParallelismBounds(1, 3));
            flink.updateResourceRequirements(jobId, requirements);
            assertEquals(3, flink.resourceRequirements(jobId).get(source).upperBound(), "Flink took the new bounds");

            // A savepoint, then stop-with-savepoint: the job finishes and its savepoint is on disk
            String savepointTrigger = flink.triggerSavepoint(jobId, new SavepointRequest(
                    snapshots.resolve("savepoints").toUri().toString(), false, SnapshotFormat.CANONICAL, null));
            String savepoint = completed(() -> flink.savepointStatus(jobId, savepointTrigger));
            assertTrue(Files.isDirectory(localPath(savepoint)), savepoint);
            String stopTrigger = flink.stopWithSavepoint(jobId, new StopWithSavepointRequest(
                    snapshots.resolve("savepoints").toUri().toString(), false, SnapshotFormat.CANONICAL, null));
            String stopSavepoint = completed(() -> flink.savepointStatus(jobId, stopTrigger));
            awaitState(flink, jobId, FlinkJobStatus.FINISHED); // the savepoint completes before the job has ended

            // A new job restored from it says so in its checkpoint statistics
            String restoredId = FlinkRestClient.newTriggerId();
            flink.runJar(jarId, JarRunRequest.fresh(null, List.of(), 1, restoredId)
                    .restoringFrom(stopSavepoint, false, RestoreMode.NO_CLAIM));
            awaitState(flink, restoredId, FlinkJobStatus.RUNNING);
            CheckpointStats restored = await().atMost(TIMEOUT).until(() -> flink.checkpointStats(restoredId),
                    s -> s.latest().restored() != null);
            assertEquals(stopSavepoint, restored.latest().restored().externalPath());
            flink.cancelJob(restoredId);
            awaitState(flink, restoredId, FlinkJobStatus.CANCELED);
            assertFalse(flink.jobExceptions(restoredId).entries().size() > 1);

            // Disposal removes the first savepoint's files
            String disposal = flink.disposeSavepoint(savepoint);
            assertEquals(OperationStatus.State.COMPLETED, await().atMost(TIMEOUT)
                    .until(() -> flink.disposalStatus(disposal), OperationStatus::isDone).state());
            assertFalse(Files.exists(localPath(savepoint)), "disposed");
        } finally {
            client.resources(FlinkDeployment.class).inNamespace("default").withName(name).delete();
        }
    }

    private static String completed(Supplier<OperationStatus> poll) {
        OperationStatus status = await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(poll::get,
                OperationStatus::isDone);
        assertEquals(OperationStatus.State.COMPLETED, status.state(), String.valueOf(status.failure()));
        return status.location();
    }

    private static void awaitState(FlinkRestClient flink, String jobId, FlinkJobStatus state) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> flink.jobs().stream()
                .anyMatch(j -> j.jobId().equals(jobId) && j.state() == state));
    }

    private static Path localPath(String location) {
        return Path.of(URI.create(location.startsWith("file:") ? location : "file://" + location));
    }

    private static boolean answers(Runnable call) {
        try {
            call.run();
            return true;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** The client for the session's JobManager, where its REST Service's load balancer address points. */
    private static FlinkRestClient restClient(String name) {
        return SandboxFlinkIT.restAddress(client, name)
                .map(uri -> new HttpFlinkRestClients().forJobManager(uri, Duration.ofSeconds(10))).orElse(null);
    }
}
