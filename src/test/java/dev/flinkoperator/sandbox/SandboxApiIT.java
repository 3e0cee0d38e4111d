package dev.flinkoperator.sandbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
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
}
