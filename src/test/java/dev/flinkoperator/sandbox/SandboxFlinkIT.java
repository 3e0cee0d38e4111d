package dev.flinkoperator.sandbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkoperator.config.OperatorConfig;
import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.status.FlinkSessionJobStatus;
import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.JobManagerDeploymentStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.reconcile.RestEndpoint;
import dev.flinkoperator.resources.FlinkLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator and real Flink in the sandbox, on Flink 1.20.0 and 2.3.0: FlinkDeployments become running Flink
 * clusters whose JobManagers and TaskManagers are local processes, the operator reads the job from Flink's REST API
 * through the REST Service's address, and deleting a resource stops all its processes. Each test prints its
 * timings. Tier e2e: it assembles both Flink distributions from Maven Central once.
 */
@Tag("e2e")
class SandboxFlinkIT {
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Sandbox sandbox;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        sandbox = startWithFlink();
        client = sandbox.api().client();
    }

    /**
     * The sandbox with the packaged operator (the JVM jar, or the command in {@code -Dsandbox.operator}, e.g. the
     * native binary), both Flink distributions assembled first (that is not what is timed).
     */
    static Sandbox startWithFlink() throws Exception {
        FlinkDistributions distributions = new FlinkDistributions(Path.of("target/flink"));
        distributions.ensure(FlinkImages.FLINK_1);
        distributions.ensure(FlinkImages.FLINK_2);
        String operator = System.getProperty("sandbox.operator", "");
        return Sandbox.start(Path.of("target/sandbox/kubeconfig"), operator.isBlank()
                ? List.of("java", "-jar", "target/quarkus-app/quarkus-run.jar") : List.of(operator.split(" ")), true);
    }

    /** Where a cluster's REST API is, as the operator finds it here: the REST Service's load balancer address. */
    static java.util.Optional<URI> restAddress(KubernetesClient client, String cluster) {
        return RestEndpoint.of(client.services().inNamespace("default").withName(cluster + "-rest").get(),
                OperatorConfig.RestAccess.LOAD_BALANCER);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> flinkProcesses("").isEmpty());
        }
    }

    @ParameterizedTest(name = "Flink {0}")
    @CsvSource({"1.20, v1_20", "2.3, v2_3"})
    void applicationJobRunsWithStableStatusAndDeletingItStopsItsProcesses(String tag, String flinkVersion)
            throws Exception {
        String name = "topspeed-" + tag.replace('.', '-');
        Instant applied = Instant.now();
        client.resource(flinkDeployment(name, tag, flinkVersion, """
                  job:
                    jarURI: local:///opt/flink/examples/streaming/TopSpeedWindowing.jar
                    parallelism: 2
                    upgradeMode: stateless
                """)).create();

        try {
            Instant jobManagerReady = awaitJobManagerReady(name);
            // RUNNING with all its tasks running: Flink says RUNNING as soon as it schedules, before TaskManagers come
            JsonNode job = await().atMost(STARTUP).pollInterval(Duration.ofMillis(500))
                    .until(() -> flinkJob(name), j -> j != null && "RUNNING".equals(j.path("state").asText())
                            && j.path("tasks").path("running").asInt() == j.path("tasks").path("total").asInt());
            Instant jobRunning = Instant.now();
            FlinkDeploymentStatus status = await().atMost(Duration.ofSeconds(60)).until(() -> status(name),
                    s -> s != null && s.lifecycleState == ResourceLifecycleState.STABLE);
            Instant stable = Instant.now();
            assertEquals(JobManagerDeploymentStatus.READY, status.jobManagerDeploymentStatus);
            assertEquals(FlinkJobState.RUNNING, status.jobStatus.state);
            assertEquals(job.path("jid").asText(), status.jobStatus.jobId, "the job id Flink reports");
            assertEquals(tag, status.clusterInfo.get("flink-version").substring(0, tag.length()));
            assertTrue(sandbox.runningPods().stream().anyMatch(p -> p.contains(name + "-taskmanager-")),
                    "Flink created its TaskManager pod and the node runs it: " + sandbox.runningPods());
            System.out.printf("Flink %s application: apply -> JobManager ready %d ms -> job RUNNING %d ms "
                    + "-> STABLE %d ms%n", tag, millis(applied, jobManagerReady), millis(applied, jobRunning),
                    millis(applied, stable));
        } finally {
            deleteAndAwaitNoProcesses(name);
        }
    }

    @ParameterizedTest(name = "Flink {0}")
    @CsvSource({"1.20, v1_20", "2.3, v2_3"})
    void standaloneSessionClusterComesUpWithItsTaskManagersAndAKilledOneRestarts(String tag, String flinkVersion)
            throws Exception {
        String name = "session-" + tag.replace('.', '-');
        Instant applied = Instant.now();
        FlinkDeployment session = flinkDeployment(name, tag, flinkVersion, """
                  mode: standalone
                """);
        session.getSpec().taskManager.replicas = 2;
        client.resource(session).create();
        try {
            standaloneSessionComesUp(name, tag, applied);
            aKilledTaskManagerRestartsInItsPod(name);
        } finally {
            deleteAndAwaitNoProcesses(name);
        }
    }

    private static void standaloneSessionComesUp(String name, String tag, Instant applied) {
        Instant jobManagerReady = awaitJobManagerReady(name);
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(500))
                .until(() -> flinkGet(name, "/overview"), o -> o != null && o.path("taskmanagers").asInt() == 2);
        Instant taskManagersRegistered = Instant.now();
        FlinkDeploymentStatus status = await().atMost(Duration.ofSeconds(60)).until(() -> status(name),
                s -> s != null && s.lifecycleState == ResourceLifecycleState.STABLE && s.clusterInfo != null);
        assertEquals(tag, status.clusterInfo.get("flink-version").substring(0, tag.length()));
        System.out.printf("Flink %s standalone session: apply -> JobManager ready %d ms -> 2 TaskManagers "
                + "registered %d ms%n", tag, millis(applied, jobManagerReady), millis(applied, taskManagersRegistered));
        assertEquals(3, flinkProcesses(name).size(), "a JobManager and two TaskManagers");
    }

    /** As a kubelet does: the container restarts in the same pod, after a back-off, counted in its status. */
    private static void aKilledTaskManagerRestartsInItsPod(String name) {
        ProcessHandle taskManager = flinkProcesses(name + "-taskmanager").get(0);
        String pod = Path.of(taskManager.info().commandLine().orElseThrow().replaceFirst(".*-Dlog\\.file=(\\S+).*", "$1"))
                .getParent().getFileName().toString();
        taskManager.destroyForcibly();
        Pod restarted = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.pods().inNamespace("default").withName(pod).get(),
                        p -> p.getStatus().getContainerStatuses().get(0).getRestartCount() == 1
                                && DeploymentRollout.ready(p));
        assertEquals(137, restarted.getStatus().getContainerStatuses().get(0).getLastState().getTerminated().getExitCode(),
                "killed by SIGKILL");
        assertEquals(3, flinkProcesses(name).size(), "the TaskManager runs again");
    }

    @ParameterizedTest(name = "Flink {0}")
    @CsvSource({"1.20, v1_20, 1.20.0", "2.3, v2_3, 2.3.0"})
    void sessionJobRunsUnderItsRecordedIdIsReplacedOnAStatelessChangeAndCancelledWhenDeleted(String tag, String flinkVersion, String version)
            throws Exception {
        String session = "native-session-" + tag.replace('.', '-');
        client.resource(flinkDeployment(session, tag, flinkVersion, "")).create();
        try {
            Path jar = Path.of("target/flink", version, "examples/streaming/TopSpeedWindowing.jar").toAbsolutePath();
            Instant applied = Instant.now();
            client.resource(Serialization.unmarshal("""
                    apiVersion: flink.apache.org/v1beta1
                    kind: FlinkSessionJob
                    metadata: {name: %s-job, namespace: default}
                    spec:
                      deploymentName: %s
                      job: {jarURI: "%s", parallelism: 2, upgradeMode: stateless}
                    """.formatted(session, session, jar.toUri()), FlinkSessionJob.class)).create();
            FlinkSessionJobStatus status = await().atMost(STARTUP).pollInterval(Duration.ofMillis(500))
                    .until(() -> sessionJobStatus(session + "-job"),
                            s -> s != null && s.lifecycleState == ResourceLifecycleState.STABLE);
            Instant stable = Instant.now();
            assertEquals("RUNNING", flinkJobById(session, status.jobStatus.jobId).path("state").asText(),
                    "Flink runs the job under the recorded id");
            System.out.printf("Flink %s session job: apply (session cluster created with it) -> STABLE %d ms%n", tag,
                    millis(applied, stable));

            // A stateless spec change: the old job is cancelled, the new spec runs under a new id
            String firstId = status.jobStatus.jobId;
            Instant changed = Instant.now();
            client.resources(FlinkSessionJob.class).inNamespace("default").withName(session + "-job").edit(j -> {
                j.getSpec().job.parallelism = 1;
                return j;
            });
            FlinkSessionJobStatus upgraded = await().atMost(STARTUP).pollInterval(Duration.ofMillis(500))
                    .until(() -> sessionJobStatus(session + "-job"), s -> !firstId.equals(s.jobStatus.jobId)
                            && s.lifecycleState == ResourceLifecycleState.STABLE);
            System.out.printf("Flink %s session job, stateless spec change -> new job STABLE %d ms%n", tag,
                    millis(changed, Instant.now()));
            assertEquals("CANCELED", flinkJobById(session, firstId).path("state").asText());
            assertEquals("RUNNING", flinkJobById(session, upgraded.jobStatus.jobId).path("state").asText());

            client.resources(FlinkSessionJob.class).inNamespace("default").withName(session + "-job").delete();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                    () -> flinkJobById(session, upgraded.jobStatus.jobId).path("state").asText().equals("CANCELED"));
            assertEquals(0, flinkGet(session, "/overview").path("jobs-running").asInt(), "the session cluster stays");
        } finally {
            deleteAndAwaitNoProcesses(session);
        }
    }

    private static JsonNode flinkJobById(String cluster, String jobId) throws InterruptedException {
        JsonNode jobs = flinkGet(cluster, "/jobs/overview");
        for (JsonNode job : jobs == null ? JSON.createArrayNode() : jobs.path("jobs")) {
            if (job.path("jid").asText().equals(jobId)) {
                return job;
            }
        }
        return JSON.createObjectNode();
    }

    private static FlinkSessionJobStatus sessionJobStatus(String name) {
        FlinkSessionJob job = client.resources(FlinkSessionJob.class).inNamespace("default").withName(name).get();
        return job == null ? null : job.getStatus();
    }

    static FlinkDeployment flinkDeployment(String name, String tag, String flinkVersion, String extra) {
        return Serialization.unmarshal("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata:
                  name: %s
                  namespace: default
                spec:
                  image: flink:%s
                  flinkVersion: %s
                  flinkConfiguration:
                    taskmanager.numberOfTaskSlots: "2"
                  serviceAccount: flink
                  jobManager:
                    resources: {memory: "1024m", cpu: 1}
                  taskManager:
                    resources: {memory: "1024m", cpu: 1}
                %s""".formatted(name, tag, flinkVersion, extra), FlinkDeployment.class);
    }

    private static Instant awaitJobManagerReady(String name) {
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).until(() -> client.pods().inNamespace("default")
                .withLabels(FlinkLabels.selector(name, FlinkLabels.COMPONENT_JOBMANAGER)).list().getItems().stream()
                .anyMatch(DeploymentRollout::ready));
        return Instant.now();
    }

    private static void deleteAndAwaitNoProcesses(String name) {
        client.resources(FlinkDeployment.class).inNamespace("default").withName(name).delete();
        await().atMost(Duration.ofSeconds(60)).until(() -> flinkProcesses(name).isEmpty()
                && sandbox.runningPods().stream().noneMatch(p -> p.startsWith("default/" + name)));
        assertTrue(client.pods().inNamespace("default").list().getItems().stream()
                .noneMatch(p -> p.getMetadata().getName().startsWith(name)), "its pods are gone");
    }

    /** Live processes the node started for pods whose name starts with {@code podPrefix}. */
    private static List<ProcessHandle> flinkProcesses(String podPrefix) {
        String marker = Path.of("target/sandbox/node/pods/default").toAbsolutePath() + "/" + podPrefix;
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)) // not their watchdogs
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && c.contains("org.apache.flink"))
                        .orElse(false)).toList();
    }


    private static FlinkDeploymentStatus status(String name) {
        FlinkDeployment d = client.resources(FlinkDeployment.class).inNamespace("default").withName(name).get();
        return d == null ? null : d.getStatus();
    }

    private static JsonNode flinkJob(String name) throws InterruptedException {
        JsonNode jobs = flinkGet(name, "/jobs/overview");
        return jobs == null || jobs.path("jobs").isEmpty() ? null : jobs.path("jobs").get(0);
    }

    /** GET on Flink's REST API where the REST Service says it is (its load balancer address). */
    private static JsonNode flinkGet(String name, String path) throws InterruptedException {
        java.util.Optional<URI> rest = restAddress(client, name);
        if (rest.isEmpty()) {
            return null;
        }
        URI uri = URI.create(rest.get() + path);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException notYet) {
            return null;
        }
    }

    private static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }
}
