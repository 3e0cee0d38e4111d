package dev.flinkoperator.reconcile;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.resources.DesiredResources;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The Kubernetes objects one FlinkDeployment owns, as its informers show them during one reconcile. */
final class OwnedObjects {
    /** Kinds of the objects the operator owns per FlinkDeployment; each is watched (our label only). */
    static final List<Class<? extends HasMetadata>> KINDS =
            List.of(ConfigMap.class, Service.class, Deployment.class, Ingress.class);

    private final FlinkDeployment deployment;
    private final Context<FlinkDeployment> context;
    private final ResourceWriter writer;

    OwnedObjects(FlinkDeployment deployment, Context<FlinkDeployment> context, ResourceWriter writer) {
        this.deployment = deployment;
        this.context = context;
        this.writer = writer;
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return context.getSecondaryResourcesAsStream(kind)
                .filter(r -> Objects.equals(r.getMetadata().getName(), name))
                .findFirst().orElse(null);
    }

    Stream<HasMetadata> all() {
        return KINDS.stream().flatMap(kind -> context.getSecondaryResourcesAsStream(kind).map(HasMetadata.class::cast));
    }

    /** Writes what differs, deletes what is no longer wanted; returns the live JobManager Deployment. */
    Deployment apply(DesiredResources desired) {
        List<HasMetadata> wanted = desired.inWriteOrder();
        Deployment jobManager = null;
        for (HasMetadata object : wanted) {
            HasMetadata current = get(object.getClass(), object.getMetadata().getName());
            HasMetadata live = writer.apply(object, current);
            if (live != current) {
                rememberOwnWrite(live, current);
            }
            if (object == desired.jobManager()) {
                jobManager = (Deployment) live;
            }
        }
        Set<String> wantedKeys = wanted.stream().map(OwnedObjects::key).collect(Collectors.toSet());
        all().filter(live -> !wantedKeys.contains(key(live))).forEach(writer::delete);
        return jobManager;
    }

    /** Deletes the Deployments, or with {@code everything} every owned object; returns whether there were any. */
    boolean delete(boolean everything) {
        List<HasMetadata> doomed = all().filter(o -> everything || o instanceof Deployment).toList();
        doomed.forEach(writer::delete);
        return !doomed.isEmpty();
    }

    /**
     * Shows our write to the informer of its kind at once and keeps its watch event from triggering another reconcile:
     * without it, a reconcile started by the event of one object created a moment ago may not see the next one yet
     * and try to create it again.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void rememberOwnWrite(HasMetadata written, HasMetadata previous) {
        InformerEventSource source = (InformerEventSource) context.eventSourceRetriever()
                .getEventSourceFor(written.getClass(), written.getClass().getSimpleName());
        ResourceID primary = ResourceID.fromResource(deployment);
        if (previous == null) {
            source.handleRecentResourceCreate(primary, written);
        } else {
            source.handleRecentResourceUpdate(primary, written, previous);
        }
    }

    private static String key(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }
}
