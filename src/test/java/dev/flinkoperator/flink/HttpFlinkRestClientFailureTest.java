package dev.flinkoperator.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.flink.FlinkRestException.Failure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a call can fail ends in a FlinkRestException that says which way, and in Flink's words when it spoke. */
class HttpFlinkRestClientFailureTest {
    private static final String JOB = "0f4c7e2b1d9a4e6f8c3b5a7d9e1f2a3b";

    private final StubJobManager jobManager = new StubJobManager();
    private final FlinkRestClient client = jobManager.client();

    @AfterEach
    void stop() {
        jobManager.close();
    }

    @Test
    void anUnknownJobIsNotFoundAndTheMessageCarriesFlinksText() {
        jobManager.answer("GET", "/jobs/" + JOB, 404, "{\"errors\":[\"org.apache.flink.runtime.rest.NotFoundException:"
                + " Job " + JOB + " not found\\n\\tat org.apache.flink.runtime.rest.handler.job"
                + ".AbstractExecutionGraphHandler.lambda$handleRequest$1(AbstractExecutionGraphHandler.java:99)"
                + "\\n\"]}");

        FlinkRestException e = assertThrows(FlinkRestException.class, () -> client.job(JOB));

        assertEquals(Failure.REJECTED, e.failure());
        assertTrue(e.notFound());
        assertFalse(e.noAnswer());
        assertEquals(404, e.status());
        assertEquals("GET /jobs/" + JOB + " answered HTTP 404: org.apache.flink.runtime.rest.NotFoundException: Job "
                + JOB + " not found", e.getMessage());
        assertTrue(e.flinkErrors().get(0).contains("AbstractExecutionGraphHandler"), "full text kept");
    }

    @Test
    void aServerSideExceptionIsShortenedToItsFirstLineAndRootCause() {
        jobManager.answerWith("POST", "/jars/j.jar/run", 500, "server-side-error-1.20.json");

        FlinkRestException e = assertThrows(FlinkRestException.class,
                () -> client.runJar("j.jar", JarRunRequest.fresh("org.example.Main", List.of(), null, null)));

        assertEquals(500, e.status());
        assertEquals("POST /jars/j.jar/run answered HTTP 500: Internal server error.; "
                + "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application. "
                + "Caused by: org.apache.flink.client.program.ProgramInvocationException: The main method caused an "
                + "error: No ExecutorFactory found to execute the application.", e.getMessage());
        assertEquals(2, e.flinkErrors().size());
    }

    @Test
    void checkpointStatsOfAJobWithoutCheckpointingAreNotFound() {
        jobManager.answer("GET", "/jobs/" + JOB + "/checkpoints", 404, "{\"errors\":[\"org.apache.flink.runtime.rest"
                + ".handler.RestHandlerException: Checkpointing has not been enabled.\\n\\tat org.apache.flink\"]}");
        FlinkRestException e = assertThrows(FlinkRestException.class, () -> client.checkpointStats(JOB));
        assertTrue(e.notFound());
        assertTrue(e.getMessage().endsWith("Checkpointing has not been enabled."), e.getMessage());
    }

    @Test
    void anUnknownPathGetsFlinksNotFoundText() {
        FlinkRestException e = assertThrows(FlinkRestException.class, () -> client.savepointStatus(JOB, "abc"));
        assertEquals("GET /jobs/" + JOB + "/savepoints/abc answered HTTP 404: Not found: /jobs/" + JOB
                + "/savepoints/abc", e.getMessage());
    }

    @Test
    void anAnswerThatIsNotFlinksErrorFormatIsKeptRawAndShort() {
        jobManager.answer("GET", "/overview", 502, "<html><body><h1>502 Bad Gateway</h1>" + "x".repeat(2000)
                + "</body></html>");
        FlinkRestException e = assertThrows(FlinkRestException.class, () -> client.overview());
        assertEquals(Failure.REJECTED, e.failure());
        assertEquals(502, e.status());
        assertTrue(e.getMessage().contains("<h1>502 Bad Gateway</h1>"), e.getMessage());
        assertTrue(e.getMessage().length() < 700, "long bodies are cut: " + e.getMessage().length());
    }

    @Test
    void aSuccessfulAnswerThatCannotBeReadIsUnreadable() {
        jobManager.answer("GET", "/config", 200, "<html>Flink Web Dashboard</html>");
        FlinkRestException e = assertThrows(FlinkRestException.class, () -> client.dashboardConfig());
        assertEquals(Failure.UNREADABLE, e.failure());
        assertTrue(e.getMessage().startsWith("GET /config answered what is not a DashboardConfig"), e.getMessage());
    }

    @Test
    void aTriggerAnswerWithoutRequestIdIsUnreadable() {
        jobManager.answer("POST", "/jobs/" + JOB + "/savepoints", 202, "{}");
        FlinkRestException e = assertThrows(FlinkRestException.class,
                () -> client.triggerSavepoint(JOB, new SavepointRequest(null, false, null, null)));
        assertEquals(Failure.UNREADABLE, e.failure());
    }

    @Test
    void aJobManagerThatDoesNotAnswerInTimeTimesOut() {
        jobManager.stall();
        FlinkRestClient impatient = new HttpFlinkRestClients().forJobManager(jobManager.uri(), Duration.ofMillis(300));
        long start = System.nanoTime();

        FlinkRestException e = assertThrows(FlinkRestException.class, impatient::overview);

        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Failure.TIMED_OUT, e.failure());
        assertTrue(e.noAnswer());
        assertEquals(0, e.status());
        assertTrue(tookMillis < 3000, "gave up after " + tookMillis + " ms");
        assertTrue(e.getMessage().contains("within 300 ms"), e.getMessage());
    }

    @Test
    void aJobManagerThatStopsMidAnswerTimesOutToo() {
        jobManager.answerWith("GET", "/overview", "overview-1.20.json").stallMidAnswer();
        FlinkRestClient impatient = new HttpFlinkRestClients().forJobManager(jobManager.uri(), Duration.ofMillis(300));
        long start = System.nanoTime();

        FlinkRestException e = assertThrows(FlinkRestException.class, impatient::overview);

        assertEquals(Failure.TIMED_OUT, e.failure());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 3000, "gave up in time");
    }

    @Test
    void aJobManagerThatIsNotListeningIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        FlinkRestClient nobodyHome = new HttpFlinkRestClients()
                .forJobManager(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5));

        FlinkRestException e = assertThrows(FlinkRestException.class, nobodyHome::jobs);

        assertEquals(Failure.UNREACHABLE, e.failure());
        assertTrue(e.noAnswer());
        assertTrue(e.getMessage().startsWith("GET /jobs/overview: JobManager at http://127.0.0.1:" + port
                + " unreachable (ConnectException"), e.getMessage());
    }

    @Test
    void aBaseUriWithTrailingSlashOrPathPrefixIsJoinedWithoutDoubleSlashes() {
        jobManager.answerWith("GET", "/flink/orders/config", "config-1.20.json");
        FlinkRestClient behindIngress = new HttpFlinkRestClients()
                .forJobManager(URI.create(jobManager.uri() + "/flink/orders/"), Duration.ofSeconds(5));
        assertEquals("1.20.1", behindIngress.dashboardConfig().flinkVersion());
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new HttpFlinkRestClients().forJobManager(jobManager.uri(), Duration.ZERO));
    }
}
