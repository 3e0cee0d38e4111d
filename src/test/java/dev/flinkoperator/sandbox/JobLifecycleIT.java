package dev.flinkoperator.sandbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.FlinkStateSnapshot;
import dev.flinkoperator.crd.status.FlinkStateSnapshotStatus;
import dev.flinkoperator.crd.status.ReconciliationState;
import dev.flinkoperator.crd.status.FlinkSessionJobStatus;
import dev.flinkoperator.crd.spec.JobState;
import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Upgrades, suspension and deletion of application clusters and session jobs on real Flink, proven by what Flink itself reports: the
 * job ids it runs and the snapshot each new job restored ({@code /jobs/:id/checkpoints} latest.restored). Each upgrade
 * prints its downtime: from the last moment the old job was seen running with all its tasks to the first moment the
 * new one was (polled every 250 ms). Tier e2e.
 */
@Tag("e2e")
class JobLifecycleIT {
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(250);
    private static Sandbox sandbox;
    private static KubernetesClient client;
    private static FlinkProbe flink;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxFlinkIT.startWithFlink();
        client = sandbox.api().client();
        flink = new FlinkProbe(client);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @ParameterizedTest(name = "Flink {0}")
    @CsvSource({"1.20, v1_20", "2.3, v2_3"})
    void aSavepointUpgradeRestoresTheSavepointTakenWhileStopping(String tag, String flinkVersion) {
        String name = "sp-upgrade-" + tag.replace('.', '-');
        String oldJob = deployAndAwaitCheckpoint(name, tag, flinkVersion, "savepoint", Map.of());
        try {
            Replacement replaced = change(name, oldJob, d -> d.getSpec().job.parallelism = 1);

            assertNotEquals(oldJob, replaced.jobId());
            FlinkDeploymentStatus status = status(name);
            String savepoint = status.jobStatus.savepointInfo.lastSavepoint.location;
            assertEquals(savepoint, status.jobStatus.upgradeSavepointPath);
            JsonNode restored = flink.restored(name, replaced.jobId());
            assertNotNull(restored, "Flink reports the new job restored a snapshot");
            assertTrue(restored.path("is_savepoint").asBoolean());
            assertEquals(savepoint, restored.path("external_path").asText());
            replaced.print("Flink " + tag + " savepoint upgrade");

            // savepointRedeployNonce: back to a savepoint of your choice (here the one just restored)
            Replacement redeployed = change(name, replaced.jobId(), d -> {
                d.getSpec().job.initialSavepointPath = savepoint;
                d.getSpec().job.savepointRedeployNonce = 1L;
            });
            assertEquals(savepoint, flink.restored(name, redeployed.jobId()).path("external_path").asText());
            redeployed.print("Flink " + tag + " redeploy from initialSavepointPath");
        } finally {
            delete(name);
        }
    }

    @ParameterizedTest(name = "Flink {0}")
    @CsvSource({"1.20, v1_20", "2.3, v2_3"})
    void aLastStateUpgradeOnKubernetesHaResumesTheSameJobFromItsLatestCheckpoint(String tag, String flinkVersion) {
        String name = "ha-upgrade-" + tag.replace('.', '-');
        String job = deployAndAwaitCheckpoint(name, tag, flinkVersion, "last-state", Map.of(
                "high-availability.type", "kubernetes",
                "high-availability.storageDir", "file:///flink-data/ha"));
        try {
            assertNotNull(client.configMaps().inNamespace("default").withName(name + "-cluster-config-map").get(),
                    "Flink keeps its HA metadata in ConfigMaps");
            Replacement replaced = change(name, job, d -> d.getSpec().job.parallelism = 1);

            assertEquals(job, replaced.jobId(), "the job resumes under its id, from its HA metadata");
            JsonNode restored = flink.restored(name, job);
            assertNotNull(restored, "Flink reports the job restored a checkpoint");
            assertFalse(restored.path("is_savepoint").asBoolean());
            assertTrue(restored.path("id").asLong() >= 1);
            assertEquals(1, flink.job(name, job).path("vertices").get(0).path("parallelism").asInt(),
                    "the new spec's parallelism: the job graph is the new one");
            replaced.print("Flink " + tag + " last-state upgrade (Kubernetes HA)");

            // Someone deletes the JobManager Deployment: the job comes back under its id, from its HA metadata
            long restoredBefore = restored.path("id").asLong();
            Instant lost = Instant.now();
            client.apps().deployments().inNamespace("default").withName(name).delete();
            await().atMost(STARTUP).pollInterval(POLL).until(() -> {
                JsonNode again = flink.restored(name, job);
                return again != null && again.path("restore_timestamp").asLong() > lost.toEpochMilli()
                        && flink.running(name, job);
            });
            assertTrue(flink.restored(name, job).path("id").asLong() >= restoredBefore);
            assertEquals(job, status(name).jobStatus.jobId);
            System.out.printf("Flink %s JobManager Deployment deleted -> job running again from its latest "
                    + "checkpoint %d ms%n", tag, Duration.between(lost, Instant.now()).toMillis());
        } finally {
            delete(name);
        }
    }

    @ParameterizedTest(name = "Flink {0}")
    @CsvSource({"1.20, v1_20", "2.3, v2_3"})
    void aParallelismChangeUnderTheAdaptiveSchedulerRescalesTheSameJobInPlace(String tag, String flinkVersion) {
        String name = "rescale-" + tag.replace('.', '-');
        String job = deployAndAwaitCheckpoint(name, tag, flinkVersion, "savepoint", Map.of(
                "jobmanager.scheduler", "adaptive",
                // Rescale as soon as the slots are there (1.20 and 2.x name the waits differently)
                "jobmanager.adaptive-scheduler.scaling-interval.min", "1s",
                "jobmanager.adaptive-scheduler.executing.cooldown-after-rescaling", "1s",
                "jobmanager.adaptive-scheduler.executing.resource-stabilization-timeout", "1s"));
        try {
            Long jobManagerGeneration = client.apps().deployments().inNamespace("default").withName(name).get()
                    .getMetadata().getGeneration();
            java.util.List<String> jobManagerPods = sandbox.runningPods().stream()
                    .filter(p -> p.startsWith("default/" + name + "-") && !p.contains("taskmanager")).toList();
            assertEquals(1, jobManagerPods.size(), jobManagerPods.toString());
            Instant changed = Instant.now();
            Instant[] lastOldRunning = {changed};
            edit(name, d -> d.getSpec().job.parallelism = 3);
            await().atMost(STARTUP).pollInterval(POLL).until(() -> {
                JsonNode details = flink.job(name, job);
                boolean running = FlinkProbe.allRunning(details);
                if (running && atParallelism(details, 2)) {
                    lastOldRunning[0] = Instant.now();
                }
                return running && atParallelism(details, 3);
            });
            Instant newRunning = Instant.now();

            assertEquals(job, status(name).jobStatus.jobId, "the same job");
            assertTrue(sandbox.runningPods().containsAll(jobManagerPods), "the same JobManager");
            assertEquals(jobManagerGeneration, client.apps().deployments().inNamespace("default").withName(name).get()
                    .getMetadata().getGeneration(), "the JobManager Deployment is unchanged");
            JsonNode restored = flink.restored(name, job);
            assertNotNull(restored, "Flink restarted the job's tasks from its latest checkpoint");
            assertFalse(restored.path("is_savepoint").asBoolean());
            assertTrue(client.v1().events().inNamespace("default").list().getItems().stream().anyMatch(e ->
                    name.equals(e.getInvolvedObject().getName()) && "ScaledInPlace".equals(e.getReason())));
            await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> status(name).lifecycleState
                    == ResourceLifecycleState.STABLE);
            System.out.printf("Flink %s in-place rescale 2 -> 3 (adaptive scheduler): downtime (all tasks RUNNING -> "
                    + "RUNNING again) %d ms; spec change -> running at parallelism 3 %d ms%n", tag,
                    Duration.between(lastOldRunning[0], newRunning).toMillis(),
                    Duration.between(changed, newRunning).toMillis());
        } finally {
            delete(name);
        }
    }

    /** Every vertex that can run in parallel runs at {@code parallelism}. */
    private static boolean atParallelism(JsonNode job, int parallelism) {
        for (JsonNode vertex : job.path("vertices")) {
            if (vertex.path("maxParallelism").asInt(128) > 1 && vertex.path("parallelism").asInt() != parallelism) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aLastStateUpgradeWithoutHighAvailabilityRestoresTheLatestCheckpointAsDoesARestartOfAFailedJob() {
        String name = "ls-upgrade";
        String oldJob = deployAndAwaitCheckpoint(name, "1.20", "v1_20", "last-state", Map.of(
                "kubernetes.operator.job.restart.failed", "true",
                "restart-strategy.type", "none", // a lost TaskManager fails the job at once
                "heartbeat.interval", "2s",
                "heartbeat.timeout", "10s"));
        try {
            Replacement replaced = change(name, oldJob, d -> d.getSpec().job.parallelism = 1);

            assertNotEquals(oldJob, replaced.jobId());
            JsonNode restored = flink.restored(name, replaced.jobId());
            assertNotNull(restored);
            String checkpoint = status(name).jobStatus.upgradeSavepointPath;
            assertTrue(checkpoint.contains("/chk-"), "a retained checkpoint of the old job: " + checkpoint);
            assertTrue(checkpoint.contains(oldJob), checkpoint);
            assertEquals(checkpoint, restored.path("external_path").asText());
            replaced.print("Flink 1.20 last-state upgrade (no HA)");

            // restart.failed: its TaskManager is lost with no restarts left; the failed job is redeployed from its
            // latest checkpoint
            String failing = replaced.jobId();
            await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> flink.completedCheckpoints(name,
                    failing) > 0);
            Instant lost = Instant.now();
            sandbox.runningPods().stream().filter(p -> p.startsWith("default/" + name + "-taskmanager"))
                    .forEach(p -> client.pods().inNamespace("default").withName(p.substring("default/".length()))
                            .delete());
            String restarted = await().atMost(STARTUP).pollInterval(POLL).until(() -> status(name).jobStatus.jobId,
                    id -> !failing.equals(id) && flink.running(name, id));
            System.out.printf("Flink 1.20 application job failed (TaskManager lost) -> redeployed job running %d ms%n",
                    Duration.between(lost, Instant.now()).toMillis());
            String fromFailed = flink.restored(name, restarted).path("external_path").asText();
            assertTrue(fromFailed.contains(failing) && fromFailed.contains("/chk-"), fromFailed);
            assertTrue(client.v1().events().inNamespace("default").list().getItems().stream().anyMatch(e ->
                    name.equals(e.getInvolvedObject().getName()) && "JobRestarted".equals(e.getReason())));
        } finally {
            delete(name);
        }
    }

    @Test
    void aStatelessUpgradeStartsTheNewJobEmpty() {
        String name = "stateless-upgrade";
        String oldJob = deployAndAwaitCheckpoint(name, "1.20", "v1_20", "stateless", Map.of());
        try {
            Replacement replaced = change(name, oldJob, d -> d.getSpec().job.parallelism = 1);

            assertNotEquals(oldJob, replaced.jobId());
            assertNull(flink.restored(name, replaced.jobId()), "nothing restored");
            replaced.print("Flink 1.20 stateless upgrade");
        } finally {
            delete(name);
        }
    }

    @Test
    void suspendRemovesTheClusterAfterASavepointAndResumeRestoresIt() {
        String name = "suspend-resume";
        deployAndAwaitCheckpoint(name, "1.20", "v1_20", "savepoint", Map.of());
        try {
            edit(name, d -> d.getSpec().job.state = JobState.SUSPENDED);
            FlinkDeploymentStatus suspended = await().atMost(STARTUP).pollInterval(POLL).until(() -> status(name),
                    s -> s.lifecycleState == ResourceLifecycleState.SUSPENDED);
            await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.runningPods().stream()
                    .noneMatch(p -> p.startsWith("default/" + name)));
            String savepoint = suspended.jobStatus.savepointInfo.lastSavepoint.location;
            assertTrue(client.apps().deployments().inNamespace("default").withName(name).get() == null,
                    "the cluster is removed");

            edit(name, d -> d.getSpec().job.state = JobState.RUNNING);
            FlinkDeploymentStatus resumed = await().atMost(STARTUP).pollInterval(POLL).until(() -> status(name),
                    s -> s.lifecycleState == ResourceLifecycleState.STABLE
                            && flink.running(name, s.jobStatus.jobId));
            assertEquals(savepoint, flink.restored(name, resumed.jobStatus.jobId).path("external_path").asText());
        } finally {
            delete(name);
        }
    }

    @Test
    void deletingWithSavepointOnDeletionNamesTheSavepointInAnEvent() {
        String name = "delete-savepoint";
        deployAndAwaitCheckpoint(name, "1.20", "v1_20", "savepoint",
                Map.of("kubernetes.operator.job.savepoint-on-deletion", "true"));
        delete(name);
        Event event = await().atMost(Duration.ofSeconds(30)).until(() -> client.v1().events().inNamespace("default")
                        .list().getItems().stream().filter(e -> name.equals(e.getInvolvedObject().getName())
                                && "SavepointOnDeletion".equals(e.getReason())).findFirst().orElse(null),
                e -> e != null);
        assertTrue(event.getMessage().contains("savepoint"), event.getMessage());
    }

    @Test
    void aSessionJobSavepointUpgradeRestoresItsSavepointAndItsClusterWaitsForIt() {
        String session = "stateful-session";
        createStatefulSession(session, Map.of("kubernetes.operator.job.savepoint-on-deletion", "true"));
        createSessionJob("stateful-job", session, "savepoint", "");
        try {
            String oldJob = awaitSessionJobCheckpoint(session, "stateful-job", null);

            Instant changed = Instant.now();
            editSessionJob("stateful-job", j -> j.getSpec().job.parallelism = 1);
            FlinkSessionJobStatus upgraded = await().atMost(STARTUP).pollInterval(POLL)
                    .until(() -> sessionJob("stateful-job"), s -> !oldJob.equals(s.jobStatus.jobId)
                            && flink.running(session, s.jobStatus.jobId));
            System.out.printf("Flink 1.20 session job savepoint upgrade: spec change -> new job running %d ms%n",
                    Duration.between(changed, Instant.now()).toMillis());
            assertEquals("FINISHED", flink.job(session, oldJob).path("state").asText(), "stopped with a savepoint");
            JsonNode restored = flink.restored(session, upgraded.jobStatus.jobId);
            assertNotNull(restored);
            assertEquals(upgraded.jobStatus.savepointInfo.lastSavepoint.location,
                    restored.path("external_path").asText());

            // The session cluster is not deleted out from under its job; deleting the job stops it with a savepoint
            client.resources(FlinkDeployment.class).inNamespace("default").withName(session).delete();
            await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).until(() -> status(session).error != null);
            assertTrue(status(session).error.contains("stateful-job"), status(session).error);
            assertTrue(flink.running(session, upgraded.jobStatus.jobId), "the job still runs");
            client.resources(FlinkSessionJob.class).inNamespace("default").withName("stateful-job").delete();
            await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> client.v1().events()
                    .inNamespace("default").list().getItems().stream().anyMatch(e -> "stateful-job".equals(
                            e.getInvolvedObject().getName()) && "SavepointOnDeletion".equals(e.getReason())));
        } finally {
            client.resources(FlinkSessionJob.class).inNamespace("default").withName("stateful-job").delete();
            delete(session);
        }
    }

    @Test
    void aSessionJobUpgradesFromItsLatestCheckpointAndIsRestartedWhenItFails() {
        String session = "laststate-session";
        createStatefulSession(session, Map.of(
                "restart-strategy.type", "none", // a lost TaskManager fails the job at once
                "heartbeat.interval", "2s",
                "heartbeat.timeout", "10s"));
        createSessionJob("laststate-job", session, "last-state",
                "flinkConfiguration: {kubernetes.operator.job.restart.failed: \"true\"}");
        try {
            String oldJob = awaitSessionJobCheckpoint(session, "laststate-job", null);

            Instant changed = Instant.now();
            editSessionJob("laststate-job", j -> j.getSpec().job.parallelism = 1);
            String upgraded = awaitSessionJobCheckpoint(session, "laststate-job", oldJob);
            System.out.printf("Flink 1.20 session job last-state upgrade: spec change -> new job checkpointing %d ms%n",
                    Duration.between(changed, Instant.now()).toMillis());
            assertEquals("CANCELED", flink.job(session, oldJob).path("state").asText());
            String restored = flink.restored(session, upgraded).path("external_path").asText();
            assertTrue(restored.contains(oldJob) && restored.contains("/chk-"),
                    "the old job's checkpoint: " + restored);

            // Its TaskManager is lost and it has no restarts left: FAILED, then replaced from its latest checkpoint
            Instant lost = Instant.now();
            sandbox.runningPods().stream().filter(p -> p.startsWith("default/" + session + "-taskmanager"))
                    .forEach(p -> client.pods().inNamespace("default").withName(p.substring("default/".length()))
                            .delete());
            String restarted = await().atMost(STARTUP).pollInterval(POLL).until(
                    () -> sessionJob("laststate-job").jobStatus.jobId,
                    id -> !upgraded.equals(id) && flink.running(session, id));
            System.out.printf("Flink 1.20 session job failed (TaskManager lost) -> restarted job running %d ms%n",
                    Duration.between(lost, Instant.now()).toMillis());
            assertEquals("FAILED", flink.job(session, upgraded).path("state").asText());
            String fromFailed = flink.restored(session, restarted).path("external_path").asText();
            assertTrue(fromFailed.contains(upgraded) && fromFailed.contains("/chk-"), fromFailed);
        } finally {
            client.resources(FlinkSessionJob.class).inNamespace("default").withName("laststate-job").delete();
            await().atMost(Duration.ofSeconds(60)).until(() -> client.resources(FlinkSessionJob.class)
                    .inNamespace("default").withName("laststate-job").get() == null);
            delete(session);
        }
    }

    /** A 1.20 session cluster with state directories, as {@link #withState}, and these options. */
    private static void createStatefulSession(String session, Map<String, String> config) {
        FlinkDeployment cluster = withState(SandboxFlinkIT.flinkDeployment(session, "1.20", "v1_20", volume(session)),
                "v1_20");
        config.forEach(((ObjectNode) cluster.getSpec().flinkConfiguration)::put);
        client.resource(cluster).create();
    }

    /** StateMachineExample (from the operator's side: a file:// jar) as a session job at parallelism 2. */
    private static void createSessionJob(String name, String session, String upgradeMode, String extraSpec) {
        String jar = java.nio.file.Path.of("target/flink/1.20.0/examples/streaming/StateMachineExample.jar")
                .toAbsolutePath().toUri().toString();
        client.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata: {name: %s, namespace: default}
                spec:
                  deploymentName: %s
                  job: {jarURI: "%s", parallelism: 2, upgradeMode: %s}
                  %s
                """.formatted(name, session, jar, upgradeMode, extraSpec), FlinkSessionJob.class)).create();
    }

    private static void editSessionJob(String name, Consumer<FlinkSessionJob> change) {
        client.resources(FlinkSessionJob.class).inNamespace("default").withName(name).edit(j -> {
            change.accept(j);
            return j;
        });
    }

    /** Waits for the session job to run (under another id than {@code notJob}) with a completed checkpoint. */
    private static String awaitSessionJobCheckpoint(String session, String name, String notJob) {
        FlinkSessionJobStatus running = await().atMost(STARTUP).pollInterval(POLL).until(() -> sessionJob(name),
                s -> s != null && s.jobStatus != null && !s.jobStatus.jobId.equals(notJob)
                        && s.lifecycleState == ResourceLifecycleState.STABLE
                        && flink.running(session, s.jobStatus.jobId));
        String jobId = running.jobStatus.jobId;
        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL)
                .until(() -> flink.completedCheckpoints(session, jobId) > 0);
        return jobId;
    }

    @Test
    void nonceSavepointsKeepABoundedHistoryAndSnapshotResourcesAreTaken() {
        String name = "snapshots";
        // Several checkpoints retained: the snapshot resource's checkpoint is not subsumed the moment it completes
        deployAndAwaitCheckpoint(name, "1.20", "v1_20", "savepoint",
                Map.of("kubernetes.operator.savepoint.history.max.count", "1", "state.checkpoints.num-retained", "5"));
        try {
            edit(name, d -> d.getSpec().job.savepointTriggerNonce = 1L);
            String first = await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> lastSavepoint(name, 1L),
                    java.util.Objects::nonNull);
            assertTrue(java.nio.file.Files.exists(java.nio.file.Path.of(java.net.URI.create(first))), first);

            edit(name, d -> d.getSpec().job.savepointTriggerNonce = 2L);
            await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> lastSavepoint(name, 2L) != null
                    && status(name).jobStatus.savepointInfo.savepointHistory.size() == 1);
            assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of(java.net.URI.create(first))),
                    "the older savepoint was disposed through Flink: " + first);

            client.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
                    apiVersion: flink.apache.org/v1beta1
                    kind: FlinkStateSnapshot
                    metadata: {name: snapshots-checkpoint, namespace: default}
                    spec:
                      jobReference: {kind: FlinkDeployment, name: snapshots}
                      checkpoint: {}
                    """, FlinkStateSnapshot.class)).create();
            FlinkStateSnapshotStatus taken = await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(
                    () -> client.resources(FlinkStateSnapshot.class).inNamespace("default")
                            .withName("snapshots-checkpoint").get().getStatus(),
                    st -> st != null && st.state == FlinkStateSnapshotStatus.SnapshotState.COMPLETED);
            assertTrue(taken.path != null && taken.path.contains("/chk-"), taken.path);
        } finally {
            client.resources(FlinkStateSnapshot.class).inNamespace("default").withName("snapshots-checkpoint").delete();
            delete(name);
        }
    }

    @Test
    void aSpecWhoseJobCannotRunIsRolledBackToTheLastStableOne() {
        String name = "rollback";
        String stableJob = deployAndAwaitCheckpoint(name, "1.20", "v1_20", "savepoint", Map.of(
                "kubernetes.operator.deployment.rollback.enabled", "true",
                "kubernetes.operator.deployment.readiness.timeout", "20s"));
        try {
            edit(name, d -> d.getSpec().job.entryClass = "org.example.DoesNotExist");
            FlinkDeploymentStatus rolledBack = await().atMost(STARTUP).pollInterval(POLL).until(() -> status(name),
                    s -> s.reconciliationStatus.state == ReconciliationState.ROLLED_BACK
                            && flink.running(name, s.jobStatus.jobId));
            assertNotEquals(stableJob, rolledBack.jobStatus.jobId);
            assertTrue(rolledBack.error.contains("rolling back"), rolledBack.error);
            assertEquals("org.example.DoesNotExist", client.resources(FlinkDeployment.class).inNamespace("default")
                    .withName(name).get().getSpec().job.entryClass, "the spec is yours to fix");
            JsonNode restored = flink.restored(name, rolledBack.jobStatus.jobId);
            assertNotNull(restored, "the stable spec runs again with the state saved when it was stopped");
            assertEquals(rolledBack.jobStatus.savepointInfo.lastSavepoint.location,
                    restored.path("external_path").asText());
            await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).until(() -> status(name).lifecycleState
                    == ResourceLifecycleState.ROLLED_BACK);
        } finally {
            delete(name);
        }
    }

    private static String lastSavepoint(String name, long nonce) {
        FlinkDeploymentStatus status = status(name);
        var info = status.jobStatus.savepointInfo;
        return info != null && info.lastSavepoint != null && Long.valueOf(nonce).equals(info.lastSavepoint.triggerNonce)
                ? info.lastSavepoint.location : null;
    }

    // ---- helpers ----

    private static FlinkSessionJobStatus sessionJob(String name) {
        FlinkSessionJob job = client.resources(FlinkSessionJob.class).inNamespace("default").withName(name).get();
        return job == null ? null : job.getStatus();
    }

    /** A hostPath volume at /flink-data, shared by the cluster's pods and kept across its redeployments. */
    private static String volume(String name) {
        return """
                  podTemplate:
                    spec:
                      containers:
                        - name: flink-main-container
                          volumeMounts: [{mountPath: /flink-data, name: flink-data}]
                      volumes: [{name: flink-data, hostPath: {path: /tmp/flink-e2e/%s}}]
                """.formatted(name);
    }

    /** Checkpoints every 2 s, savepoints and checkpoints under /flink-data. */
    private static FlinkDeployment withState(FlinkDeployment deployment, String flinkVersion) {
        ObjectNode flinkConfig = (ObjectNode) deployment.getSpec().flinkConfiguration;
        flinkConfig.put("execution.checkpointing.interval", "2s");
        flinkConfig.put("state.savepoints.dir", "file:///flink-data/savepoints");
        flinkConfig.put("state.checkpoints.dir", "file:///flink-data/checkpoints");
        if (flinkVersion.startsWith("v2")) {
            // Flink 2's StateMachineExample keeps its state in ForSt, which takes native savepoints only.
            flinkConfig.put("kubernetes.operator.savepoint.format.type", "NATIVE");
        }
        return deployment;
    }

    /** Deploys StateMachineExample (keyed state, a checkpoint every 2 s) and waits for a completed checkpoint. */
    private static String deployAndAwaitCheckpoint(String name, String tag, String flinkVersion, String upgradeMode,
            Map<String, String> config) {
        FlinkDeployment app = withState(SandboxFlinkIT.flinkDeployment(name, tag, flinkVersion, volume(name) + """
                  job:
                    jarURI: local:///opt/flink/examples/streaming/StateMachineExample.jar
                    parallelism: 2
                    upgradeMode: %s
                """.formatted(upgradeMode)), flinkVersion);
        config.forEach(((ObjectNode) app.getSpec().flinkConfiguration)::put);
        client.resource(app).create();
        FlinkDeploymentStatus status = await().atMost(STARTUP).pollInterval(POLL).until(() -> status(name),
                s -> s != null && s.lifecycleState == ResourceLifecycleState.STABLE
                        && flink.running(name, s.jobStatus.jobId));
        String jobId = status.jobStatus.jobId;
        // Each vertex's start-time is when its tasks were deployed, before they ran
        long lastDeployed = 0;
        for (JsonNode vertex : flink.job(name, jobId).path("vertices")) {
            lastDeployed = Math.max(lastDeployed, vertex.path("start-time").asLong());
        }
        assertTrue(lastDeployed > 0 && Instant.now().toEpochMilli() - lastDeployed
                >= Sandbox.SANDBOX_STABLE_AFTER.toMillis(), "STABLE only once all tasks ran for the stable-after time");
        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> flink.completedCheckpoints(name, jobId) > 0);
        return jobId;
    }

    /** The old job's last moment running, the new job's first, and the new job's id. */
    private record Replacement(String jobId, Instant lastOldRunning, Instant firstNewRunning, Instant changed) {
        void print(String what) {
            System.out.printf("%s: downtime (job RUNNING -> RUNNING again) %d ms; spec change -> new job running "
                    + "%d ms%n", what, Duration.between(lastOldRunning, firstNewRunning).toMillis(),
                    Duration.between(changed, firstNewRunning).toMillis());
        }
    }

    private static Replacement change(String name, String oldJob, Consumer<FlinkDeployment> change) {
        Instant changed = Instant.now();
        Instant[] lastOldRunning = {changed};
        edit(name, change);
        await().atMost(STARTUP).pollInterval(POLL).until(() -> {
            boolean running = flink.running(name, oldJob);
            if (running) {
                lastOldRunning[0] = Instant.now();
            }
            return !running;
        });
        String[] newJob = new String[1];
        await().atMost(STARTUP).pollInterval(POLL).until(() -> {
            FlinkDeploymentStatus status = status(name);
            if (status.reconciliationStatus.upgrade != null) {
                return false; // the old job is still being stopped or its cluster removed
            }
            newJob[0] = status.jobStatus.jobId;
            return flink.running(name, newJob[0]);
        });
        Instant firstNewRunning = Instant.now();
        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> status(name).lifecycleState
                == ResourceLifecycleState.STABLE);
        return new Replacement(newJob[0], lastOldRunning[0], firstNewRunning, changed);
    }

    private static void edit(String name, Consumer<FlinkDeployment> change) {
        client.resources(FlinkDeployment.class).inNamespace("default").withName(name).edit(d -> {
            change.accept(d);
            return d;
        });
    }

    private static FlinkDeploymentStatus status(String name) {
        FlinkDeployment d = client.resources(FlinkDeployment.class).inNamespace("default").withName(name).get();
        return d == null ? null : d.getStatus();
    }

    private static void delete(String name) {
        client.resources(FlinkDeployment.class).inNamespace("default").withName(name).delete();
        await().atMost(Duration.ofSeconds(90)).until(() -> sandbox.runningPods().stream()
                .noneMatch(p -> p.startsWith("default/" + name))
                && client.resources(FlinkDeployment.class).inNamespace("default").withName(name).get() == null);
    }
}
