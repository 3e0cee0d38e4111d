package dev.flinkoperator.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.spec.JobSpec;
import dev.flinkoperator.crd.status.JobStatus;
import dev.flinkoperator.crd.status.Savepoint;
import dev.flinkoperator.crd.status.SnapshotTriggerType;
import dev.flinkoperator.flink.FakeFlinkRestClient;
import dev.flinkoperator.flink.FlinkJobStatus;
import dev.flinkoperator.flink.SnapshotFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SavepointTriggersTest {
    private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

    private final FakeFlinkRestClient flink = new FakeFlinkRestClient();
    private final JobSpec spec = new JobSpec();
    private final JobStatus job = new JobStatus();
    private Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private JobSettings.Snapshots limits = JobSettings.Snapshots.DEFAULT;

    SavepointTriggersTest() {
        job.jobId = flink.jobManager().addJob("job", FlinkJobStatus.RUNNING, 2);
        job.startTime = Long.toString(T0.toEpochMilli());
    }

    @Test
    void aNewNonceRecordsATriggerFirstThenTakesOneSavepointForIt() {
        spec.savepointTriggerNonce = 3L;

        SavepointTriggers.Result recorded = step(null);
        assertTrue(recorded.recorded());
        assertEquals(SnapshotTriggerType.MANUAL, job.savepointInfo.triggerType);
        assertTrue(flink.calls().isEmpty(), "nothing asked of Flink before the trigger id is written");

        SavepointTriggers.Result done = runUntilIdle(3L);

        assertNotNull(done.completed());
        Savepoint savepoint = job.savepointInfo.lastSavepoint;
        assertEquals(SnapshotTriggerType.MANUAL, savepoint.triggerType);
        assertEquals(3L, savepoint.triggerNonce);
        assertTrue(flink.jobManager().savepointPaths().contains(savepoint.location));
        assertEquals(List.of(savepoint), job.savepointInfo.savepointHistory);
        assertNull(job.savepointInfo.triggerId);
        assertEquals(SavepointTriggers.Result.IDLE, step(3L), "a handled nonce asks for nothing");
        assertEquals(1, flink.calls().stream().filter(c -> c.startsWith("POST /jobs/:id/savepoints")).count());
    }

    @Test
    void periodicSavepointsFollowTheIntervalFromTheJobsStart() {
        limits = new JobSettings.Snapshots(Duration.ofMinutes(10), Duration.ZERO, 10, Duration.ofHours(24));
        assertEquals(SavepointTriggers.Result.IDLE, step(null));

        clock = Clock.offset(clock, Duration.ofMinutes(10));
        assertTrue(step(null).recorded());
        assertEquals(SnapshotTriggerType.PERIODIC, job.savepointInfo.triggerType);
        assertEquals(clock.millis(), job.savepointInfo.lastPeriodicSavepointTimestamp);
        assertNotNull(runUntilIdle(null).completed());

        clock = Clock.offset(clock, Duration.ofMinutes(9));
        assertEquals(SavepointTriggers.Result.IDLE, step(null), "not yet due again");
    }

    @Test
    void theHistoryBeyondItsLimitIsDisposedThroughFlinkAndTheLatestIsKept() {
        limits = new JobSettings.Snapshots(Duration.ZERO, Duration.ZERO, 2, Duration.ofHours(24));
        for (long nonce = 1; nonce <= 3; nonce++) {
            spec.savepointTriggerNonce = nonce;
            step(nonce - 1);
            runUntilIdle(nonce);
        }
        List<String> taken = job.savepointInfo.savepointHistory.stream().map(s -> s.location).toList();
        assertEquals(2, taken.size(), "the oldest left the history once disposed");
        assertFalse(flink.jobManager().savepointPaths().stream().anyMatch(p -> !taken.contains(p)),
                "its files are gone in Flink");
        assertEquals(job.savepointInfo.lastSavepoint.location, taken.get(1));

        limits = new JobSettings.Snapshots(Duration.ZERO, Duration.ZERO, 1, Duration.ofHours(24));
        runUntilIdle(3L);
        assertEquals(List.of(job.savepointInfo.lastSavepoint), job.savepointInfo.savepointHistory,
                "down to the latest, which is never disposed");
    }

    @Test
    void aSavepointOlderThanTheMaximumAgeIsDisposedUnlessTheJobStartedFromIt() {
        spec.savepointTriggerNonce = 1L;
        step(null);
        runUntilIdle(1L);
        String first = job.savepointInfo.lastSavepoint.location;
        spec.savepointTriggerNonce = 2L;
        step(1L);
        runUntilIdle(2L);
        job.upgradeSavepointPath = first;

        clock = Clock.offset(clock, Duration.ofHours(25));
        runUntilIdle(2L);
        assertEquals(2, job.savepointInfo.savepointHistory.size(), "the one the job started from is kept");

        job.upgradeSavepointPath = null;
        runUntilIdle(2L);
        assertEquals(List.of(job.savepointInfo.lastSavepoint), job.savepointInfo.savepointHistory);
    }

    private SavepointTriggers.Result step(Long handledNonce) {
        JobSettings settings = new JobSettings(true, false, false, false, Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(5),
                "file:///sp", "file:///cp", false, null, SnapshotFormat.CANONICAL, limits);
        return SavepointTriggers.step(job, spec, handledNonce, settings, flink, clock);
    }

    private SavepointTriggers.Result runUntilIdle(Long handledNonce) {
        SavepointTriggers.Result last = null;
        for (int i = 0; i < 10; i++) {
            SavepointTriggers.Result result = step(handledNonce);
            if (result.completed() != null) {
                last = result;
            }
            if (!result.busy() && !result.recorded() && result.completed() == null) {
                return last == null ? result : last;
            }
        }
        throw new AssertionError("still busy");
    }
}
