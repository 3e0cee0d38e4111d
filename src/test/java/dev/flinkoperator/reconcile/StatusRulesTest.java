package dev.flinkoperator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.crd.status.JobManagerDeploymentStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusRulesTest {

    private static Deployment jm(int replicas, Integer ready, Long observedGeneration) {
        return new DeploymentBuilder().withNewMetadata().withName("jm").withGeneration(2L).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withObservedGeneration(observedGeneration).withUpdatedReplicas(ready)
                .withReadyReplicas(ready).withAvailableReplicas(ready).endStatus().build();
    }

    @Test
    void jobManagerStatusFollowsTheDeploymentRollout() {
        assertEquals(JobManagerDeploymentStatus.MISSING, JobManagerObserver.observe(null));
        assertEquals(JobManagerDeploymentStatus.DEPLOYING, JobManagerObserver.observe(jm(1, 0, 2L)));
        assertEquals(JobManagerDeploymentStatus.DEPLOYED_NOT_READY, JobManagerObserver.observe(jm(2, 1, 2L)));
        assertEquals(JobManagerDeploymentStatus.READY, JobManagerObserver.observe(jm(2, 2, 2L)));
        // Ready pods of the previous generation do not make the new spec ready.
        assertEquals(JobManagerDeploymentStatus.DEPLOYED_NOT_READY, JobManagerObserver.observe(jm(1, 1, 1L)));
    }

    @Test
    void aStalledRolloutIsAnErrorWithKubernetesReason() {
        Deployment stalled = jm(1, 0, 2L);
        stalled.getStatus().setConditions(List.of(new DeploymentConditionBuilder().withType("Progressing")
                .withStatus("False").withReason("ProgressDeadlineExceeded").withMessage("took too long").build()));
        assertEquals(JobManagerDeploymentStatus.ERROR, JobManagerObserver.observe(stalled));
        assertEquals("JobManager Deployment ProgressDeadlineExceeded: took too long", JobManagerObserver.failure(stalled));
        assertNull(JobManagerObserver.failure(jm(1, 1, 2L)));
    }

    @Test
    void transitionTimeMovesOnlyWhenTheStatusValueChanges() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, "Ready", false, "Deploying", "wait", 1L, at("2026-01-01T00:00:00Z"));
        Conditions.set(conditions, "Ready", false, "Deploying", "still", 2L, at("2026-01-01T00:05:00Z"));
        assertEquals("2026-01-01T00:00:00Z", conditions.get(0).getLastTransitionTime());
        assertEquals(2L, conditions.get(0).getObservedGeneration());
        Conditions.set(conditions, "Ready", true, "Ready", "up", 2L, at("2026-01-01T00:07:30Z"));
        assertEquals(1, conditions.size());
        assertEquals("True", conditions.get(0).getStatus());
        assertEquals("2026-01-01T00:07:30Z", conditions.get(0).getLastTransitionTime());
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }
}
