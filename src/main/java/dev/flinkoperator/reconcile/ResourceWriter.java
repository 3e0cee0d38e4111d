package dev.flinkoperator.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkoperator.resources.ContentHash;
import dev.flinkoperator.resources.FlinkLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes a desired object only when it differs from what the operator last wrote. The comparison is by a hash of
 * the desired object stored on it as an annotation, so fields the API server defaults never look like drift and an
 * unchanged spec costs no request.
 */
@ApplicationScoped
public class ResourceWriter {
    private static final Set<String> KEPT_TOP_LEVEL = Set.of("apiVersion", "kind", "metadata", "status");

    private final KubernetesClient client;

    public ResourceWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * @param current the live object from the informer cache, or null when there is none
     * @return the object as it now is on the server
     */
    public <T extends HasMetadata> T apply(T desired, T current) {
        String hash = ContentHash.of(Serialization.asJson(desired));
        if (current != null && hash.equals(annotation(current, FlinkLabels.DESIRED_HASH))) {
            return current;
        }
        T toWrite = withHash(desired, hash);
        if (current != null) {
            return client.resource(replaceContent(current, toWrite)).update();
        }
        try {
            return client.resource(toWrite).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // Created by an earlier reconcile whose result the informer cache has not shown yet.
            T live = client.resource(toWrite).get();
            return live == null ? client.resource(toWrite).create() : apply(desired, live);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T withHash(T desired, String hash) {
        T copy = (T) Serialization.jsonMapper().convertValue(desired, desired.getClass());
        Map<String, String> annotations = new HashMap<>(copy.getMetadata().getAnnotations() == null
                ? Map.of() : copy.getMetadata().getAnnotations());
        annotations.put(FlinkLabels.DESIRED_HASH, hash);
        copy.getMetadata().setAnnotations(annotations);
        return copy;
    }

    public void delete(HasMetadata current) {
        client.resource(current).delete();
    }

    /**
     * The live object with our content put in: everything but metadata and status is ours; labels and annotations
     * others added are kept (ours win); resourceVersion stays for optimistic locking.
     */
    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T replaceContent(T current, T desired) {
        ObjectNode live = Serialization.jsonMapper().valueToTree(current);
        ObjectNode wanted = Serialization.jsonMapper().valueToTree(desired);
        live.properties().removeIf(field -> !KEPT_TOP_LEVEL.contains(field.getKey()) && !wanted.has(field.getKey()));
        wanted.properties().forEach(field -> {
            if (!KEPT_TOP_LEVEL.contains(field.getKey())) {
                live.set(field.getKey(), field.getValue());
            }
        });
        T merged = (T) Serialization.jsonMapper().convertValue(live, current.getClass());
        merged.getMetadata().setLabels(union(current.getMetadata().getLabels(), desired.getMetadata().getLabels()));
        merged.getMetadata().setAnnotations(union(current.getMetadata().getAnnotations(),
                desired.getMetadata().getAnnotations()));
        merged.getMetadata().setOwnerReferences(desired.getMetadata().getOwnerReferences());
        if (merged instanceof Service service && current instanceof Service live1) {
            // The cluster IP is assigned once by the API server and cannot change.
            service.getSpec().setClusterIP(live1.getSpec().getClusterIP());
            service.getSpec().setClusterIPs(live1.getSpec().getClusterIPs());
        }
        return merged;
    }

    private static Map<String, String> union(Map<String, String> theirs, Map<String, String> ours) {
        Map<String, String> result = new HashMap<>(theirs == null ? Map.of() : theirs);
        if (ours != null) {
            result.putAll(ours);
        }
        return result;
    }

    private static String annotation(HasMetadata resource, String key) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
