package dev.flinkoperator.reconcile;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a resource's status at most once per reconcile, only when it changed, and lets the next reconcile start
 * from what was written. The informer cache can lag behind our own write; a reconcile that started from the older
 * status would redo decisions already recorded (and rewrite time stamps), so it gets the status we wrote instead.
 */
@ApplicationScoped
public class StatusWriter {
    private record Written(String resourceVersion, String status) {
    }

    private final KubernetesClient client;
    private final Map<String, Written> lastWritten = new ConcurrentHashMap<>();

    public StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Puts our last written status (and its resourceVersion) on a cached resource that does not show it yet.
     *
     * @return the status JSON the reconcile starts from
     */
    public <S> String latest(CustomResource<?, S> resource, Class<S> statusType) {
        String uid = resource.getMetadata().getUid();
        Written written = lastWritten.get(uid);
        String cached = Serialization.asJson(resource.getStatus());
        if (written == null) {
            return cached;
        }
        if (written.status().equals(cached)) {
            lastWritten.remove(uid, written); // the cache caught up: nothing left to remember (memory stays bounded)
            return cached;
        }
        resource.setStatus(Serialization.unmarshal(written.status(), statusType));
        resource.getMetadata().setResourceVersion(written.resourceVersion());
        return written.status();
    }

    /** @return true when a request was made */
    public boolean write(CustomResource<?, ?> resource, String statusBefore) {
        String status = Serialization.asJson(resource.getStatus());
        if (status.equals(statusBefore)) {
            return false;
        }
        String uid = resource.getMetadata().getUid();
        try {
            // PUT with the resourceVersion we started from: a write by anyone else in between makes this fail.
            CustomResource<?, ?> updated = client.resource(resource).updateStatus();
            lastWritten.put(uid, new Written(updated.getMetadata().getResourceVersion(), status));
            return true;
        } catch (KubernetesClientException e) {
            // Someone else changed the resource: start the retry from the server's copy, not from our memory.
            lastWritten.remove(uid);
            throw e;
        }
    }

    public void forget(CustomResource<?, ?> resource) {
        lastWritten.remove(resource.getMetadata().getUid());
    }
}
