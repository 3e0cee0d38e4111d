package dev.flinkoperator.sandbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox's API without kubectl or the operator; after packaging, which writes the CRDs it installs. */
class SandboxApiIT {

    private static io.fabric8.kubernetes.api.model.OwnerReference ownedBy(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).build();
    }

    @Test
    void deletingAnOwnerDeletesWhatItOwnsInCascade() throws Exception {
        try (SandboxApi api = SandboxApi.start(Path.of("target/kubernetes"), 0)) {
            KubernetesClient client = api.client();
            Deployment deployment = client.resource(new DeploymentBuilder().withNewMetadata().withName("jm")
                    .withNamespace("gc").endMetadata().withNewSpec().endSpec().build()).create();
            var pod = client.resource(new PodBuilder().withNewMetadata().withName("jm-pod").withNamespace("gc")
                    .withOwnerReferences(ownedBy(deployment)).endMetadata().build()).create();
            client.resource(new ConfigMapBuilder().withNewMetadata().withName("of-the-pod").withNamespace("gc")
                    .withOwnerReferences(ownedBy(pod)).endMetadata().build()).create();
            client.resource(new ConfigMapBuilder().withNewMetadata().withName("unowned").withNamespace("gc")
                    .endMetadata().build()).create();

            client.resource(deployment).delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> client.pods().inNamespace("gc").withName("jm-pod")
                    .get() == null && client.configMaps().inNamespace("gc").withName("of-the-pod").get() == null);
            assertNotNull(client.configMaps().inNamespace("gc").withName("unowned").get());
        }
    }

    @Test
    void deploymentsGetTheirPodsScaleAndAreReplacedWhenTheTemplateChanges() throws Exception {
        try (SandboxApi api = SandboxApi.start(Path.of("target/kubernetes"), 0)) {
            KubernetesClient client = api.client();
            client.resource(new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("apps")
                    .endMetadata().withNewSpec().withReplicas(2).withNewStrategy().withType("Recreate").endStrategy()
                    .withNewSelector().addToMatchLabels("app", "web").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                    .withNewSpec().addNewContainer().withName("main").withImage("flink:1.20").endContainer().endSpec()
                    .endTemplate().endSpec().build()).create();
            List<Pod> first = await().atMost(Duration.ofSeconds(10)).until(() -> pods(client), p -> p.size() == 2);
            assertTrue(first.stream().allMatch(p -> "Pending".equals(p.getStatus().getPhase())
                    && p.getMetadata().getOwnerReferences().get(0).getKind().equals("Deployment")
                    && p.getMetadata().getLabels().get("app").equals("web")));

            // Ready pods (a kubelet's part) make the Deployment available.
            first.forEach(p -> markReady(client, p));
            await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client).getStatus(),
                    s -> s != null && Integer.valueOf(2).equals(s.getReadyReplicas())
                            && Integer.valueOf(2).equals(s.getAvailableReplicas()));

            client.apps().deployments().inNamespace("apps").withName("web").scale(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> pods(client), p -> p.size() == 1);

            // A new template replaces the pod (Recreate: the old one goes first).
            String oldName = pods(client).get(0).getMetadata().getName();
            client.apps().deployments().inNamespace("apps").withName("web").edit(d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("flink:2.3");
                return d;
            });
            List<Pod> replaced = await().atMost(Duration.ofSeconds(10)).until(() -> pods(client),
                    p -> p.size() == 1 && !p.get(0).getMetadata().getName().equals(oldName));
            assertEquals("flink:2.3", replaced.get(0).getSpec().getContainers().get(0).getImage());
        }
    }

    private static List<Pod> pods(KubernetesClient client) {
        return client.pods().inNamespace("apps").list().getItems();
    }

    private static Deployment deployment(KubernetesClient client) {
        return client.apps().deployments().inNamespace("apps").withName("web").get();
    }

    private static void markReady(KubernetesClient client, Pod pod) {
        pod.getStatus().setPhase("Running");
        pod.getStatus().setConditions(List.of(new PodConditionBuilder().withType("Ready").withStatus("True").build()));
        client.resource(pod).updateStatus();
    }
}
