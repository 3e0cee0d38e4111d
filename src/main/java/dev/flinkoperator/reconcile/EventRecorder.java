package dev.flinkoperator.reconcile;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Emits Kubernetes events on our resources (kubectl describe shows them). */
@ApplicationScoped
public class EventRecorder {
    public static final String COMPONENT = "flink-operator";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void warning(HasMetadata resource, String reason, String message) {
        emit(resource, "Warning", reason, message);
    }

    public void normal(HasMetadata resource, String reason, String message) {
        emit(resource, "Normal", reason, message);
    }

    private void emit(HasMetadata resource, String type, String reason, String message) {
        String now = Instant.now(clock).toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(resource.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace(resource.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(resource.getApiVersion())
                .withKind(resource.getKind())
                .withName(resource.getMetadata().getName())
                .withNamespace(resource.getMetadata().getNamespace())
                .withUid(resource.getMetadata().getUid())
                .withResourceVersion(resource.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .build();
        try {
            client.v1().events().resource(event).create();
        } catch (KubernetesClientException e) {
            // An event is a courtesy; failing to write one must not fail the reconcile.
            LOG.warnf("Could not record event %s on %s: %s", reason, resource.getMetadata().getName(), e.getMessage());
        }
    }
}
