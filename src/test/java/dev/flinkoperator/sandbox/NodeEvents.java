package dev.flinkoperator.sandbox;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The node's events on pods, as a kubelet writes them (kubectl describe pod shows them). */
final class NodeEvents {
    private static final Logger LOG = Logger.getLogger(NodeEvents.class);

    private final KubernetesClient client;
    private final Clock clock;

    NodeEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void normal(Pod pod, String reason, String message) {
        record(pod, "Normal", reason, message);
    }

    void warning(Pod pod, String reason, String message) {
        record(pod, "Warning", reason, message);
    }

    private void record(Pod pod, String type, String reason, String message) {
        String now = clock.instant().toString();
        try {
            client.v1().events().inNamespace(pod.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withName(pod.getMetadata().getName() + "." + UUID.randomUUID().toString()
                            .substring(0, 8)).withNamespace(pod.getMetadata().getNamespace()).endMetadata()
                    .withNewInvolvedObject().withApiVersion("v1").withKind("Pod")
                    .withName(pod.getMetadata().getName()).withNamespace(pod.getMetadata().getNamespace())
                    .withUid(pod.getMetadata().getUid()).withFieldPath("spec.containers{flink-main-container}")
                    .endInvolvedObject()
                    .withType(type).withReason(reason).withMessage(message).withCount(1)
                    .withFirstTimestamp(now).withLastTimestamp(now)
                    .withNewSource().withComponent("sandbox-node").withHost("127.0.0.1").endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("event %s on %s not recorded: %s", reason, pod.getMetadata().getName(), e.getMessage());
        }
        LOG.infof("%s/%s: %s %s", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), reason, message);
    }
}
