package dev.flinkoperator.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.JobStatus;
import dev.flinkoperator.crd.status.ReconciliationState;
import dev.flinkoperator.crd.status.ReconciliationStatus;
import dev.flinkoperator.flink.FakeFlinkRestClient;
import dev.flinkoperator.flink.FlinkJobStatus;
import dev.flinkoperator.flink.SnapshotFormat;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunningJobSnapshotsTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private final FakeFlinkRestClient flink = new FakeFlinkRestClient();
    private final JobSettings settings = new JobSettings(true, false, false, false, Duration.ofMinutes(5),
            Duration.ZERO, Duration.ofMinutes(5), null, null, false, null, SnapshotFormat.CANONICAL,
            new JobSettings.Snapshots(Duration.ZERO, Duration.ZERO, 1, Duration.ofHours(24)));

    @Test
    void eachNonceTakesOneSavepointAndCheckpointAndTheHistoryStaysWithinItsLimit() {
        FlinkDeployment app = Serialization.unmarshal("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: app, namespace: ns}
                spec:
                  flinkVersion: v1_20
                  job: {jarURI: "local:///x.jar", upgradeMode: savepoint}
                """, FlinkDeployment.class);
        FlinkDeploymentStatus status = new FlinkDeploymentStatus();
        status.reconciliationStatus = new ReconciliationStatus();
        status.reconciliationStatus.state = ReconciliationState.DEPLOYED;
        status.reconciliationStatus.lastReconciledSpec = Serialization.asJson(app.getSpec());
        status.jobStatus = new JobStatus();
        status.jobStatus.jobId = flink.jobManager().addJob("job", FlinkJobStatus.RUNNING, 1);
        status.jobStatus.state = FlinkJobState.RUNNING;
        status.jobStatus.startTime = Long.toString(CLOCK.millis());

        for (long nonce = 1; nonce <= 3; nonce++) {
            app.getSpec().job.savepointTriggerNonce = nonce;
            app.getSpec().job.checkpointTriggerNonce = nonce;
            for (int i = 0; i < 12; i++) {
                // what each pass writes is what the next one reads
                status = Serialization.unmarshal(Serialization.asJson(status), FlinkDeploymentStatus.class);
                RunningJobSnapshots.step(status, app.getSpec(), settings, flink, CLOCK);
            }
            assertEquals(nonce, status.jobStatus.savepointInfo.lastSavepoint.triggerNonce);
            assertEquals(nonce, status.jobStatus.checkpointInfo.lastCheckpoint.triggerNonce);
        }

        assertEquals(3, flink.calls().stream().filter(c -> c.startsWith("POST /jobs/:id/savepoints")).count());
        assertEquals(3, flink.calls().stream().filter(c -> c.startsWith("POST /jobs/:id/checkpoints")).count());
        assertEquals(1, status.jobStatus.savepointInfo.savepointHistory.size());
        assertTrue(flink.jobManager().savepointPaths().contains(status.jobStatus.savepointInfo.lastSavepoint.location));
        assertEquals(1, flink.jobManager().savepointPaths().size(), "the two older ones were disposed");
    }
}
