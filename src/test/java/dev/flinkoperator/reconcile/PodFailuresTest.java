package dev.flinkoperator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodFailuresTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Pod pod(String name, ContainerStatus status) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withContainerStatuses(status).endStatus().build();
    }

    private static ContainerStatus waiting(String reason, String message) {
        return new ContainerStatusBuilder().withName("flink-main-container").withNewState().withNewWaiting()
                .withReason(reason).withMessage(message).endWaiting().endState().build();
    }

    @Test
    void aStuckContainerIsDescribedAsKubectlShowsIt() {
        assertEquals("Pod jm-1, container flink-main-container: ImagePullBackOff (Back-off pulling image \"flnk:1.20\")",
                PodFailures.firstOf(List.of(pod("jm-1", waiting("ImagePullBackOff", "Back-off pulling image \"flnk:1.20\"")))));
    }

    @Test
    void aCrashLoopNamesTheLastExitCode() {
        ContainerStatus crashing = new ContainerStatusBuilder(waiting("CrashLoopBackOff", null)).withRestartCount(4)
                .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error").endTerminated().endLastState()
                .build();
        assertEquals("Pod jm-1, container flink-main-container: CrashLoopBackOff; last exit code 1 (Error), "
                + "restarted 4 times", PodFailures.firstOf(List.of(pod("jm-1", crashing))));
    }

    @Test
    void startingOrRunningPodsAreNotFailures() {
        assertNull(PodFailures.firstOf(List.of(pod("a", waiting("ContainerCreating", null)),
                pod("b", new ContainerStatusBuilder().withName("c").withNewState().withNewRunning().endRunning()
                        .endState().build()), new PodBuilder().withNewMetadata().withName("c").endMetadata().build())));
        assertNull(PodFailures.firstOf(List.of()));
    }

    private static Deployment rollingOutSince(Instant since, int available) {
        return new DeploymentBuilder().withNewMetadata().withName("jm").withGeneration(1L)
                .withCreationTimestamp(since.toString()).endMetadata()
                .withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withObservedGeneration(1L).withUpdatedReplicas(1).withReadyReplicas(available)
                .withAvailableReplicas(available).addNewCondition().withType("Progressing").withStatus("True")
                .withLastUpdateTime(since.toString()).endCondition().endStatus().build();
    }

    @Test
    void podsAreReadOnlyForARolloutStalledLongerThanAHealthyStartTakes() {
        assertFalse(JobManagerObserver.podsWorthChecking(rollingOutSince(NOW.minusSeconds(5), 0), CLOCK));
        assertTrue(JobManagerObserver.podsWorthChecking(rollingOutSince(NOW.minusSeconds(31), 0), CLOCK));
        assertFalse(JobManagerObserver.podsWorthChecking(rollingOutSince(NOW.minusSeconds(600), 1), CLOCK), "ready");
        Deployment justCreated = rollingOutSince(NOW.minusSeconds(600), 0);
        justCreated.setStatus(null);
        assertFalse(JobManagerObserver.podsWorthChecking(justCreated, CLOCK), "no controller has seen it yet");
        assertFalse(JobManagerObserver.podsWorthChecking(null, CLOCK));
    }
}
