package dev.flinkoperator.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;

/**
 * What Kubernetes' garbage collector does and the mock does not: when an object goes, the objects whose owner
 * references name it go too (a deleted Deployment takes its pods, a deleted FlinkDeployment its ConfigMap), in
 * cascade; and an object whose owners are all gone when it is created goes at once. Covers the kinds the operator
 * and Flink create.
 */
final class GarbageCollector implements AutoCloseable {
    /** apiVersion and kind of everything that can be owned or own here. */
    static final List<Kind> KINDS = List.of(
            new Kind("v1", "Pod"), new Kind("v1", "Service"), new Kind("v1", "ConfigMap"),
            new Kind("apps/v1", "Deployment"), new Kind("apps/v1", "ReplicaSet"),
            new Kind("networking.k8s.io/v1", "Ingress"), new Kind("flink.apache.org/v1beta1", "FlinkDeployment"));

    record Kind(String apiVersion, String kind) {
    }

    private final KubernetesClient client;
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();

    GarbageCollector(KubernetesClient client) {
        this.client = client;
        for (Kind kind : KINDS) {
            informers.add(client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inAnyNamespace()
                    .inform(Watches.onAddAndDelete(this::deleteIfOrphaned, this::deleteDependentsOf)));
        }
    }

    private void deleteDependentsOf(HasMetadata owner) {
        String uid = owner.getMetadata().getUid();
        for (SharedIndexInformer<GenericKubernetesResource> informer : informers) {
            for (GenericKubernetesResource candidate : informer.getStore().list()) {
                List<OwnerReference> owners = candidate.getMetadata().getOwnerReferences();
                boolean owned = owners != null && owners.stream().anyMatch(o -> uid.equals(o.getUid()));
                if (owned && owner.getMetadata().getNamespace() != null
                        && owner.getMetadata().getNamespace().equals(candidate.getMetadata().getNamespace())) {
                    client.resource(candidate).delete();
                }
            }
        }
    }

    // An object created after its owner went (a TaskManager pod Flink asked for while its cluster was being deleted)
    private void deleteIfOrphaned(GenericKubernetesResource object) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        if (owners == null || owners.isEmpty() || object.getMetadata().getNamespace() == null) {
            return;
        }
        boolean anyOwnerLeft = owners.stream().anyMatch(o -> {
            GenericKubernetesResource owner = client.genericKubernetesResources(o.getApiVersion(), o.getKind())
                    .inNamespace(object.getMetadata().getNamespace()).withName(o.getName()).get();
            return owner != null && o.getUid().equals(owner.getMetadata().getUid());
        });
        if (!anyOwnerLeft) {
            client.resource(object).delete();
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
