package dev.flinkoperator.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodRunTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void aStartingContainerIsPendingThenRunningThenReady() {
        PodRun run = new PodRun("ns", "jm", "flink-main-container", "flink:1.20", null, T0);
        assertEquals("Pending", run.status().getPhase());
        assertEquals("ContainerCreating", run.status().getContainerStatuses().get(0).getState().getWaiting().getReason());
        assertTrue(condition(run.status(), "PodScheduled"), "the node took the pod at once");

        run.started(T0.plusSeconds(1), Map.of(8081, 40001));
        assertEquals("Running", run.status().getPhase());
        assertFalse(condition(run.status(), "Ready"));
        run.ready = true;
        assertTrue(condition(run.status(), "Ready"));
        assertEquals(true, run.status().getContainerStatuses().get(0).getReady());
    }

    @Test
    void aCrashedContainerBacksOffLikeAKubeletAndKeepsItsLastState() {
        PodRun run = new PodRun("ns", "jm", "flink-main-container", "flink:1.20", "Always", T0);
        run.started(T0, Map.of());
        assertTrue(run.exited(1, T0.plusSeconds(5)));
        assertEquals(Duration.ofSeconds(10), run.backOff());
        PodStatus status = run.status();
        assertEquals("Running", status.getPhase(), "a restarting pod stays Running, as in Kubernetes");
        assertEquals("CrashLoopBackOff", status.getContainerStatuses().get(0).getState().getWaiting().getReason());
        assertEquals(1, status.getContainerStatuses().get(0).getLastState().getTerminated().getExitCode());
        assertEquals(1, status.getContainerStatuses().get(0).getRestartCount());

        for (int i = 0; i < 8; i++) {
            run.started(T0, Map.of());
            run.exited(1, T0);
        }
        assertEquals(PodRun.MAX_BACK_OFF, run.backOff(), "doubling stops at five minutes");
    }

    @Test
    void aPodThatMustNotRestartFailsAndOneThatFinishedSucceeds() {
        PodRun taskManager = new PodRun("ns", "tm-1-1", "flink-main-container", "flink:2.3", "Never", T0);
        taskManager.started(T0, Map.of());
        assertFalse(taskManager.exited(137, T0.plusSeconds(3)));
        assertEquals("Failed", taskManager.status().getPhase(), "Flink replaces a TaskManager pod once it has Failed");
        assertEquals(137, taskManager.status().getContainerStatuses().get(0).getState().getTerminated().getExitCode());

        PodRun done = new PodRun("ns", "job", "main", "flink:2.3", "OnFailure", T0);
        done.started(T0, Map.of());
        assertFalse(done.exited(0, T0.plusSeconds(3)));
        assertEquals("Succeeded", done.status().getPhase());
    }

    private static boolean condition(PodStatus status, String type) {
        return status.getConditions().stream().anyMatch(c -> c.getType().equals(type) && c.getStatus().equals("True"));
    }
}
