package dev.flinkoperator.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the client sends to Flink, and the trigger ids and results it reads back. */
class HttpFlinkRestClientCommandTest {
    private static final String JOB = "0f4c7e2b1d9a4e6f8c3b5a7d9e1f2a3b";
    private static final String TRIGGER = "7d1e0c5b3a9f8e2d4c6b1a0f9e8d7c6b";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StubJobManager jobManager = new StubJobManager();
    private final FlinkRestClient client = jobManager.client();

    @AfterEach
    void stop() {
        jobManager.close();
    }

    private JsonNode sentJson() throws IOException {
        StubJobManager.Received request = jobManager.lastReceived();
        assertEquals("application/json", request.header("Content-Type"));
        return JSON.readTree(request.body());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void jarUploadSendsTheJarAsTheJarfilePartAndReturnsTheLastPathSegmentAsJarId(@TempDir Path dir)
            throws IOException {
        byte[] jar = new byte[4096];
        for (int i = 0; i < jar.length; i++) {
            jar[i] = (byte) (i * 31 + 7); // every byte value, CR and LF included
        }
        Path file = Files.write(dir.resolve("state-machine.jar"), jar);
        jobManager.answer("POST", "/jars/upload", 200, "{\"filename\":\"/tmp/flink-web-3c1f/flink-web-upload/"
                + "5b0e6a8c-2f4d-4e1b-9a7c-3d8e1f0b2c4a_state-machine.jar\",\"status\":\"success\"}");

        String jarId = client.uploadJar(file);

        assertEquals("5b0e6a8c-2f4d-4e1b-9a7c-3d8e1f0b2c4a_state-machine.jar", jarId);
        StubJobManager.Received request = jobManager.lastReceived();
        MultipartPart part = MultipartPart.single(request.header("Content-Type"), request.body());
        assertEquals("form-data; name=\"jarfile\"; filename=\"state-machine.jar\"",
                part.headers().get("content-disposition"));
        assertEquals("application/x-java-archive", part.headers().get("content-type"));
        assertArrayEquals(jar, part.content());
    }

    @Test
    void jarUploadNamesAFileWithoutJarSuffixSoFlinkAcceptsIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("artifact"), "PK");
        jobManager.answer("POST", "/jars/upload", 200,
                "{\"filename\":\"/tmp/flink-web-upload/9f_artifact.jar\",\"status\":\"success\"}");
        assertEquals("9f_artifact.jar", client.uploadJar(file));
        StubJobManager.Received request = jobManager.lastReceived();
        assertTrue(MultipartPart.single(request.header("Content-Type"), request.body()).headers()
                .get("content-disposition").endsWith("filename=\"artifact.jar\""));
    }

    @Test
    void jarRunSendsOnlyTheFieldsThatAreSetAndReturnsTheJobId() throws IOException {
        jobManager.answer("POST", "/jars/5b0e_state-machine.jar/run", 200, "{\"jobid\":\"" + JOB + "\"}");

        JarRunResult result = client.runJar("5b0e_state-machine.jar", JarRunRequest
                .fresh("org.example.StateMachine", List.of("--error-rate", "0.1"), 2, JOB)
                .restoringFrom("s3://flink-state/savepoints/savepoint-5d2a1b", true, RestoreMode.NO_CLAIM));

        assertEquals(new JarRunResult(JOB, null), result);
        JsonNode body = sentJson();
        assertEquals(Set.of("entryClass", "programArgsList", "parallelism", "jobId", "savepointPath",
                "allowNonRestoredState", "restoreMode"), fieldNames(body));
        assertEquals("org.example.StateMachine", body.get("entryClass").asText());
        assertEquals("[\"--error-rate\",\"0.1\"]", body.get("programArgsList").toString());
        assertEquals(2, body.get("parallelism").asInt());
        assertEquals(JOB, body.get("jobId").asText());
        assertEquals("s3://flink-state/savepoints/savepoint-5d2a1b", body.get("savepointPath").asText());
        assertTrue(body.get("allowNonRestoredState").asBoolean());
        assertEquals("NO_CLAIM", body.get("restoreMode").asText());
    }

    @Test
    void jarRunOfAFreshJobSendsNoSnapshotFields() throws IOException {
        jobManager.answer("POST", "/jars/j.jar/run", 200, "{\"jobid\":\"" + JOB + "\"}");
        client.runJar("j.jar", JarRunRequest.fresh("org.example.Main", List.of(), null, null)
                .withFlinkConfiguration(Map.of("pipeline.name", "orders")));
        JsonNode body = sentJson();
        assertEquals(Set.of("entryClass", "programArgsList", "flinkConfiguration"), fieldNames(body));
        assertEquals("orders", body.get("flinkConfiguration").get("pipeline.name").asText());
    }

    @Test
    void jarRunOnFlink23AlsoReturnsTheApplicationId() {
        jobManager.answer("POST", "/jars/j.jar/run", 200,
                "{\"jobid\":\"" + JOB + "\",\"applicationId\":\"" + JOB + "\"}");
        assertEquals(new JarRunResult(JOB, JOB),
                client.runJar("j.jar", JarRunRequest.fresh("org.example.Main", List.of(), null, JOB)));
    }

    @Test
    void cancelPatchesTheJobWithModeCancel() {
        jobManager.answer("PATCH", "/jobs/" + JOB + "?mode=cancel", 202, "{}");
        client.cancelJob(JOB);
        assertEquals("PATCH", jobManager.lastReceived().method());
        assertEquals("/jobs/" + JOB + "?mode=cancel", jobManager.lastReceived().pathAndQuery());
    }

    @Test
    void savepointTriggerSendsFlinksHyphenatedFieldsAndReturnsTheRequestId() throws IOException {
        jobManager.answer("POST", "/jobs/" + JOB + "/savepoints", 202, "{\"request-id\":\"" + TRIGGER + "\"}");
        String triggerId = client.triggerSavepoint(JOB,
                new SavepointRequest("s3://flink-state/savepoints", false, SnapshotFormat.CANONICAL, TRIGGER));
        assertEquals(TRIGGER, triggerId);
        assertEquals("{\"target-directory\":\"s3://flink-state/savepoints\",\"cancel-job\":false,"
                + "\"formatType\":\"CANONICAL\",\"triggerId\":\"" + TRIGGER + "\"}", sentJson().toString());
    }

    @Test
    void stopWithSavepointSendsCamelCaseFieldsAndLeavesOutAnUnsetDirectory() throws IOException {
        jobManager.answer("POST", "/jobs/" + JOB + "/stop", 202, "{\"request-id\":\"" + TRIGGER + "\"}");
        assertEquals(TRIGGER, client.stopWithSavepoint(JOB,
                new StopWithSavepointRequest(null, true, SnapshotFormat.NATIVE, null)));
        assertEquals("{\"drain\":true,\"formatType\":\"NATIVE\"}", sentJson().toString());
    }

    @Test
    void savepointStatusInProgressHasNoLocation() {
        jobManager.answer("GET", "/jobs/" + JOB + "/savepoints/" + TRIGGER, 200,
                "{\"status\":{\"id\":\"IN_PROGRESS\"},\"operation\":null}");
        assertEquals(OperationStatus.inProgress(), client.savepointStatus(JOB, TRIGGER));
    }

    @Test
    void savepointStatusCompletedCarriesTheSavepointPath() {
        jobManager.answer("GET", "/jobs/" + JOB + "/savepoints/" + TRIGGER, 200, "{\"status\":{\"id\":\"COMPLETED\"},"
                + "\"operation\":{\"location\":\"s3://flink-state/savepoints/savepoint-0f4c7e-8d2b1a0c9e7f\"}}");
        OperationStatus status = client.savepointStatus(JOB, TRIGGER);
        assertEquals(OperationStatus.completed("s3://flink-state/savepoints/savepoint-0f4c7e-8d2b1a0c9e7f", null),
                status);
        assertTrue(status.isDone());
    }

    @Test
    void savepointStatusFailedCarriesTheFirstLineAndRootCauseOfFlinksStackTrace() {
        jobManager.answer("GET", "/jobs/" + JOB + "/savepoints/" + TRIGGER, 200, "{\"status\":{\"id\":\"COMPLETED\"},"
                + "\"operation\":{\"failure-cause\":{\"class\":\"java.util.concurrent.CompletionException\","
                + "\"stack-trace\":\"java.util.concurrent.CompletionException: org.apache.flink.runtime.checkpoint"
                + ".CheckpointException: Failure to finalize checkpoint.\\n\\tat java.base/java.util.concurrent"
                + ".CompletableFuture.encodeThrowable(Unknown Source)\\nCaused by: org.apache.flink.runtime.checkpoint"
                + ".CheckpointException: Failure to finalize checkpoint.\\n\\t... 3 more\\nCaused by: java.io"
                + ".IOException: Permission denied: s3://flink-state/savepoints\\n\\t... 5 more\\n\","
                + "\"serialized-throwable\":\"rO0ABXNyADZvcmcuYXBhY2hl\"}}}");
        assertEquals(OperationStatus.failed("java.util.concurrent.CompletionException: org.apache.flink.runtime"
                + ".checkpoint.CheckpointException: Failure to finalize checkpoint. Caused by: java.io.IOException: "
                + "Permission denied: s3://flink-state/savepoints"), client.savepointStatus(JOB, TRIGGER));
    }

    @Test
    void checkpointTriggerSendsTheTypeAndItsCompletedStatusCarriesTheCheckpointId() throws IOException {
        jobManager.answer("POST", "/jobs/" + JOB + "/checkpoints", 202, "{\"request-id\":\"" + TRIGGER + "\"}")
                .answer("GET", "/jobs/" + JOB + "/checkpoints/" + TRIGGER, 200,
                        "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"checkpointId\":16}}");
        assertEquals(TRIGGER, client.triggerCheckpoint(JOB, new CheckpointRequest(CheckpointKind.FULL, null)));
        assertEquals("{\"checkpointType\":\"FULL\"}", sentJson().toString());
        assertEquals(OperationStatus.completed(null, 16L), client.checkpointStatus(JOB, TRIGGER));
    }

    @Test
    void checkpointStatusReadsTheCamelCaseFailureCause() {
        jobManager.answer("GET", "/jobs/" + JOB + "/checkpoints/" + TRIGGER, 200, "{\"status\":{\"id\":\"COMPLETED\"},"
                + "\"operation\":{\"failureCause\":{\"class\":\"org.apache.flink.runtime.checkpoint"
                + ".CheckpointException\",\"stack-trace\":\"org.apache.flink.runtime.checkpoint.CheckpointException: "
                + "Checkpoint triggering task Source: Custom Source (1/2) of job " + JOB + " is not being executed "
                + "at the moment.\\n\\tat org.apache.flink.runtime.checkpoint.CheckpointCoordinator\\n\"}}}");
        OperationStatus status = client.checkpointStatus(JOB, TRIGGER);
        assertEquals(OperationStatus.State.FAILED, status.state());
        assertTrue(status.failure().endsWith("is not being executed at the moment."), status.failure());
    }

    @Test
    void savepointDisposalSendsThePathAndReportsCompletionWithoutALocation() throws IOException {
        jobManager.answer("POST", "/savepoint-disposal", 200, "{\"request-id\":\"" + TRIGGER + "\"}")
                .answer("GET", "/savepoint-disposal/" + TRIGGER, 200, "{\"status\":{\"id\":\"COMPLETED\"},"
                        + "\"operation\":{}}");
        assertEquals(TRIGGER, client.disposeSavepoint("s3://flink-state/savepoints/savepoint-5d2a1b"));
        assertEquals("{\"savepoint-path\":\"s3://flink-state/savepoints/savepoint-5d2a1b\"}", sentJson().toString());
        assertEquals(OperationStatus.completed(null, null), client.disposalStatus(TRIGGER));
    }

    @Test
    void savepointDisposalOfAMissingSavepointFails() {
        jobManager.answer("GET", "/savepoint-disposal/" + TRIGGER, 200, "{\"status\":{\"id\":\"COMPLETED\"},"
                + "\"operation\":{\"failure-cause\":{\"class\":\"java.io.FileNotFoundException\",\"stack-trace\":"
                + "\"java.io.FileNotFoundException: Cannot find meta data file '_metadata' in directory "
                + "'s3://flink-state/savepoints/gone'.\\n\\tat org.apache.flink.runtime.state.filesystem"
                + ".AbstractFsCheckpointStorageAccess.resolveCheckpointPointer\\n\"}}}");
        OperationStatus status = client.disposalStatus(TRIGGER);
        assertEquals(OperationStatus.State.FAILED, status.state());
        assertNull(status.location());
        assertTrue(status.failure().startsWith("java.io.FileNotFoundException: Cannot find meta data file"));
    }

    @Test
    void updatingResourceRequirementsPutsFlinksNestedShape() throws IOException {
        jobManager.answer("PUT", "/jobs/" + JOB + "/resource-requirements", 200, "{}");
        client.updateResourceRequirements(JOB, Map.of("cbc357ccb763df2852fee8c4fc7d55f2", new ParallelismBounds(1, 6)));
        assertEquals("PUT", jobManager.lastReceived().method());
        assertEquals("{\"cbc357ccb763df2852fee8c4fc7d55f2\":{\"parallelism\":{\"lowerBound\":1,\"upperBound\":6}}}",
                sentJson().toString());
    }

    @Test
    void idsArePercentEncodedInThePath() {
        jobManager.answer("POST", "/jars/5b0e_my%20job.jar/run", 200, "{\"jobid\":\"" + JOB + "\"}");
        client.runJar("5b0e_my job.jar", JarRunRequest.fresh("org.example.Main", List.of(), null, null));
        assertEquals("/jars/5b0e_my%20job.jar/run", jobManager.lastReceived().pathAndQuery());
    }

    @Test
    void newTriggerIdsHaveFlinksFormatAndDiffer() {
        String one = FlinkRestClient.newTriggerId();
        assertTrue(one.matches("[0-9a-f]{32}"), one);
        assertNotEquals(one, FlinkRestClient.newTriggerId());
    }

    /** One part of a multipart/form-data body, read the way a server would. */
    record MultipartPart(Map<String, String> headers, byte[] content) {
        static MultipartPart single(String contentType, byte[] body) {
            assertTrue(contentType.startsWith("multipart/form-data; boundary="), contentType);
            String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
            // ISO-8859-1 maps each byte to one char, so indexes in the text are indexes in the bytes
            String text = new String(body, StandardCharsets.ISO_8859_1);
            String opening = "--" + boundary + "\r\n";
            String closing = "\r\n--" + boundary + "--\r\n";
            assertTrue(text.startsWith(opening), "body starts with the boundary");
            assertTrue(text.endsWith(closing), "body ends with the closing boundary");
            int headersEnd = text.indexOf("\r\n\r\n");
            Map<String, String> headers = new HashMap<>();
            for (String line : text.substring(opening.length(), headersEnd).split("\r\n")) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
            }
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, body.length - closing.length());
            assertEquals(body.length - closing.length(), text.indexOf("\r\n--" + boundary, opening.length()),
                    "exactly one part");
            return new MultipartPart(headers, content);
        }
    }
}
