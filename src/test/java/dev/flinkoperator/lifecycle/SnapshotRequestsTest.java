package dev.flinkoperator.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.FlinkStateSnapshot;
import dev.flinkoperator.crd.status.FlinkStateSnapshotStatus;
import dev.flinkoperator.crd.status.FlinkStateSnapshotStatus.SnapshotState;
import dev.flinkoperator.flink.FakeFlinkRestClient;
import dev.flinkoperator.flink.FlinkJobStatus;
import dev.flinkoperator.lifecycle.SnapshotRequests.Next;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class SnapshotRequestsTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private final FakeFlinkRestClient flink = new FakeFlinkRestClient();
    private final String jobId = flink.jobManager().addJob("job", FlinkJobStatus.RUNNING, 2);

    @Test
    void aSavepointIsTriggeredUnderTheRecordedIdAndCompletesWithItsPath() {
        FlinkStateSnapshot snapshot = snapshot("savepoint: {formatType: NATIVE}");

        assertEquals(Next.RECORDED, SnapshotRequests.step(snapshot, jobId, flink, CLOCK));
        FlinkStateSnapshotStatus status = snapshot.getStatus();
        assertEquals(SnapshotState.IN_PROGRESS, status.state);
        assertNotNull(status.triggerId);
        assertTrue(flink.calls().isEmpty(), "nothing asked before the trigger id is written");
        assertEquals(Next.WAITING, SnapshotRequests.step(snapshot, jobId, flink, CLOCK));
        assertEquals(Next.DONE, SnapshotRequests.step(snapshot, jobId, flink, CLOCK));

        assertEquals(SnapshotState.COMPLETED, status.state);
        assertTrue(flink.jobManager().savepointPaths().contains(status.path), status.path);
        assertNotNull(status.resultTimestamp);
        assertEquals(1, flink.calls().stream().filter(c -> c.startsWith("POST")).count());
    }

    @Test
    void aCheckpointCompletesWithThePathFlinkReportsForIt() {
        FlinkStateSnapshot snapshot = snapshot("checkpoint: {}");
        SnapshotRequests.step(snapshot, jobId, flink, CLOCK);
        SnapshotRequests.step(snapshot, jobId, flink, CLOCK);

        assertEquals(Next.DONE, SnapshotRequests.step(snapshot, jobId, flink, CLOCK));
        assertEquals(SnapshotState.COMPLETED, snapshot.getStatus().state);
        assertEquals(flink.checkpointStats(jobId).latest().completed().externalPath(), snapshot.getStatus().path);
    }

    @Test
    void aCheckpointNotYetInFlinksStatisticsIsWaitedForThenCompletedWithoutAPath() {
        FlinkStateSnapshot snapshot = snapshot("checkpoint: {}");
        SnapshotRequests.step(snapshot, jobId, flink, CLOCK);
        SnapshotRequests.step(snapshot, jobId, flink, CLOCK); // triggered
        flink.checkpointStatus(jobId, snapshot.getStatus().triggerId); // Flink completes it...
        flink.jobManager().completeCheckpoint(jobId); // ...and a newer periodic one is all its statistics show

        assertEquals(Next.WAITING, SnapshotRequests.step(snapshot, jobId, flink, CLOCK), "statistics may lag");
        assertEquals(SnapshotState.IN_PROGRESS, snapshot.getStatus().state);

        Clock later = Clock.offset(CLOCK, java.time.Duration.ofSeconds(31));
        assertEquals(Next.DONE, SnapshotRequests.step(snapshot, jobId, flink, later));
        assertEquals(SnapshotState.COMPLETED, snapshot.getStatus().state);
        assertEquals(null, snapshot.getStatus().path);
    }

    @Test
    void aFailedSnapshotIsRetriedUpToTheBackoffLimitThenFails() {
        flink.jobManager().failSavepoints("java.io.IOException: disk full");
        FlinkStateSnapshot snapshot = snapshot("backoffLimit: 1\n  savepoint: {}");

        for (int i = 0; i < 3; i++) {
            SnapshotRequests.step(snapshot, jobId, flink, CLOCK);
        }
        assertEquals(SnapshotState.TRIGGER_PENDING, snapshot.getStatus().state, "one retry allowed");
        assertEquals(1, snapshot.getStatus().failures);
        for (int i = 0; i < 3; i++) {
            SnapshotRequests.step(snapshot, jobId, flink, CLOCK);
        }
        assertEquals(SnapshotState.FAILED, snapshot.getStatus().state);
        assertTrue(snapshot.getStatus().error.contains("disk full"), snapshot.getStatus().error);
    }

    private static FlinkStateSnapshot snapshot(String spec) {
        FlinkStateSnapshot snapshot = Serialization.unmarshal("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkStateSnapshot
                metadata: {name: snap, namespace: ns}
                spec:
                  jobReference: {kind: FlinkDeployment, name: app}
                  %s
                """.formatted(spec), FlinkStateSnapshot.class);
        snapshot.setStatus(new FlinkStateSnapshotStatus());
        return snapshot;
    }
}
