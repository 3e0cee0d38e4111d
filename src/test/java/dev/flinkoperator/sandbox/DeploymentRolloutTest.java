package dev.flinkoperator.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentRolloutTest {

    private static Deployment deployment(int replicas, String strategy) {
        return new DeploymentBuilder().withNewMetadata().withName("d").withGeneration(3L).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewStrategy().withType(strategy).endStrategy().endSpec().build();
    }

    private static Pod pod(String name, String hash, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels(DeploymentRollout.TEMPLATE_HASH, hash)
                .withCreationTimestamp("2026-11-23T10:00:0" + name.length() + "Z").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build();
    }

    @Test
    void aRollingUpdateKeepsTheOldPodsUntilTheNewOnesAreReady() {
        Deployment d = deployment(1, "RollingUpdate");
        DeploymentRollout.Plan start = DeploymentRollout.plan(d, List.of(pod("old", "a", true)), "b");
        assertEquals(1, start.create());
        assertEquals(List.of(), start.delete());
        assertEquals(1, start.status().getAvailableReplicas());

        DeploymentRollout.Plan notReady = DeploymentRollout.plan(d, List.of(pod("old", "a", true), pod("new", "b", false)), "b");
        assertEquals(0, notReady.create());
        assertEquals(List.of(), notReady.delete());

        DeploymentRollout.Plan ready = DeploymentRollout.plan(d, List.of(pod("old", "a", true), pod("new", "b", true)), "b");
        assertEquals(List.of("old"), ready.delete().stream().map(p -> p.getMetadata().getName()).toList());
        assertEquals(3L, ready.status().getObservedGeneration());
    }

    @Test
    void recreateRemovesTheOldPodsBeforeCreatingAndScalingDownRemovesTheNewest() {
        DeploymentRollout.Plan recreate = DeploymentRollout.plan(deployment(2, "Recreate"),
                List.of(pod("o1", "a", true), pod("o2", "a", true)), "b");
        assertEquals(0, recreate.create());
        assertEquals(2, recreate.delete().size());

        DeploymentRollout.Plan scaleDown = DeploymentRollout.plan(deployment(1, "Recreate"),
                List.of(pod("p", "b", true), pod("pp", "b", true)), "b");
        assertEquals(List.of("pp"), scaleDown.delete().stream().map(p -> p.getMetadata().getName()).toList());
        assertEquals("False", DeploymentRollout.plan(deployment(2, "Recreate"), List.of(), "b").status()
                .getConditions().get(0).getStatus());
    }
}
