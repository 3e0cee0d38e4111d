package dev.flinkoperator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.FlinkSessionJobStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.flink.FakeFlinkRestClient;
import dev.flinkoperator.flink.FlinkJobStatus;
import dev.flinkoperator.flink.JarSource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionJobSubmitterTest {
    private final FakeFlinkRestClient flink = new FakeFlinkRestClient();
    private final JarSource jars = new JarSource();

    @TempDir
    Path dir;

    @Test
    void theJobRunsUnderTheIdRecordedBeforeSubmittingAndIsSubmittedOnce() throws Exception {
        FlinkSessionJob job = sessionJob("file://" + Files.writeString(dir.resolve("job.jar"), "jar"));
        assertTrue(SessionJobSubmitter.chooseJobId(job, Clock.systemUTC()));
        String jobId = job.getStatus().jobStatus.jobId;
        assertFalse(SessionJobSubmitter.chooseJobId(job, Clock.systemUTC()), "chosen once");

        SessionJobSubmitter.submitOrObserve(job, flink, jars);
        assertEquals(ResourceLifecycleState.DEPLOYED, job.getStatus().lifecycleState);
        assertEquals(FlinkJobStatus.RUNNING, flink.jobManager().jobState(jobId));

        // A reconcile that runs again (or an operator restarted after submitting) finds the job instead of resubmitting
        JobObserver.Outcome outcome = SessionJobSubmitter.submitOrObserve(job, flink, jars);
        assertTrue(outcome.settled());
        assertEquals(1, flink.calls().stream().filter(c -> c.endsWith("/run")).count());
        assertEquals(FlinkJobState.RUNNING, job.getStatus().jobStatus.state);
        assertEquals(ResourceLifecycleState.STABLE, job.getStatus().lifecycleState);
    }

    @Test
    void aJarTheOperatorCannotReadIsTheSpecsErrorNotACrash() {
        FlinkSessionJob job = sessionJob("local:///opt/flink/examples/streaming/TopSpeedWindowing.jar");
        SessionJobSubmitter.chooseJobId(job, Clock.systemUTC());

        JobObserver.Outcome outcome = SessionJobSubmitter.submitOrObserve(job, flink, jars);

        assertTrue(job.getStatus().error.contains("local:// is not one it can read"), job.getStatus().error);
        assertEquals(job.getStatus().error, outcome.failure());
        assertTrue(flink.calls().stream().noneMatch(c -> c.contains("/jars")), "nothing was uploaded");
    }

    @Test
    void deletingCancelsARunningJobAndLeavesAnEndedOneAlone() throws Exception {
        FlinkSessionJob job = sessionJob("file://" + Files.writeString(dir.resolve("job.jar"), "jar"));
        SessionJobSubmitter.chooseJobId(job, Clock.systemUTC());
        SessionJobSubmitter.submitOrObserve(job, flink, jars);
        String jobId = job.getStatus().jobStatus.jobId;

        SessionJobSubmitter.cancel(job, flink);
        assertEquals(FlinkJobStatus.CANCELED, flink.jobManager().jobState(jobId));
        int calls = flink.calls().size();
        SessionJobSubmitter.cancel(job, flink);
        assertTrue(flink.calls().subList(calls, flink.calls().size()).stream().noneMatch(c -> c.startsWith("PATCH")));
    }

    private static FlinkSessionJob sessionJob(String jarUri) {
        FlinkSessionJob job = Serialization.unmarshal("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata: {name: job, namespace: ns}
                spec:
                  deploymentName: session
                  job: {jarURI: "%s", parallelism: 2, upgradeMode: stateless}
                """.formatted(jarUri), FlinkSessionJob.class);
        job.setStatus(new FlinkSessionJobStatus());
        return job;
    }
}
