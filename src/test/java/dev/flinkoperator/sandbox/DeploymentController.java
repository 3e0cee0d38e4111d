package dev.flinkoperator.sandbox;

import dev.flinkoperator.resources.ContentHash;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/**
 * Kubernetes' Deployment controller for the sandbox: keeps each Deployment's pods at its replica count, replaces them
 * when the pod template changes (Recreate or rolling), and reports the Deployment's status from its pods' readiness.
 * Pods are owned by their Deployment directly (no ReplicaSet in between). One worker thread, driven by watches.
 */
final class DeploymentController implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeploymentController.class);
    private static final String LOWER = "bcdfghjklmnpqrstvwxz2456789";

    private final KubernetesClient client;
    private final SharedIndexInformer<Deployment> deployments;
    private final SharedIndexInformer<Pod> pods;
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Thread worker;
    private final Random random = new Random();

    DeploymentController(KubernetesClient client) {
        this.client = client;
        this.deployments = client.apps().deployments().inAnyNamespace().inform(Watches.onAnyChange(this::enqueue));
        this.pods = client.pods().inAnyNamespace().inform(Watches.onAnyChange(pod -> ownerDeployment(pod)
                .ifPresent(owner -> enqueue(pod.getMetadata().getNamespace() + "/" + owner))));
        this.worker = new Thread(this::work, "sandbox-deployments");
        worker.setDaemon(true);
        worker.start();
    }

    private void enqueue(Deployment deployment) {
        enqueue(deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName());
    }

    private void enqueue(String key) {
        if (queued.add(key)) {
            queue.add(key);
        }
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String key = queue.take();
                queued.remove(key);
                sync(key);
            } catch (InterruptedException e) {
                return;
            } catch (KubernetesClientException e) {
                LOG.debugf("deployment sync conflicted, retried on the next event: %s", e.getMessage());
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not sync a deployment"); // one bad object must not stop the controller
            }
        }
    }

    private void sync(String key) {
        Deployment deployment = deployments.getStore().getByKey(key);
        if (deployment == null || deployment.getMetadata().getDeletionTimestamp() != null
                || deployment.getSpec() == null || deployment.getSpec().getTemplate() == null) {
            return; // gone (the garbage collector takes its pods), or nothing to run
        }
        String hash = ContentHash.of(Serialization.asJson(deployment.getSpec().getTemplate())).substring(0, 10);
        List<Pod> owned = pods.getStore().list().stream()
                .filter(p -> p.getMetadata().getNamespace().equals(deployment.getMetadata().getNamespace()))
                .filter(p -> ownerUid(p).map(deployment.getMetadata().getUid()::equals).orElse(false))
                // Only the pods made from its template: Flink's TaskManager pods name the JobManager Deployment as
                // owner too, but are Flink's to manage.
                .filter(p -> p.getMetadata().getLabels() != null
                        && p.getMetadata().getLabels().containsKey(DeploymentRollout.TEMPLATE_HASH)).toList();
        DeploymentRollout.Plan plan = DeploymentRollout.plan(deployment, owned, hash);
        plan.delete().forEach(pod -> client.resource(pod).delete());
        for (int i = 0; i < plan.create(); i++) {
            client.resource(newPod(deployment, hash)).create();
        }
        if (!Objects.equals(plan.status(), deployment.getStatus())) {
            Deployment copy = Serialization.clone(deployment);
            copy.setStatus(plan.status());
            client.resource(copy).updateStatus();
        }
    }

    private Pod newPod(Deployment deployment, String hash) {
        var template = deployment.getSpec().getTemplate();
        Map<String, String> labels = new HashMap<>(template.getMetadata() == null
                || template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels());
        labels.put(DeploymentRollout.TEMPLATE_HASH, hash);
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
        return new PodBuilder()
                .withNewMetadata()
                .withName(deployment.getMetadata().getName() + "-" + hash + "-" + suffix())
                .withNamespace(deployment.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
                .withOwnerReferences(owner)
                .endMetadata()
                .withSpec(template.getSpec())
                .withNewStatus().withPhase("Pending").endStatus() // Flink's client expects a status on every pod
                .build();
    }

    private String suffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(LOWER.charAt(random.nextInt(LOWER.length())));
        }
        return s.toString();
    }

    private static java.util.Optional<String> ownerUid(Pod pod) {
        return owners(pod).stream().filter(o -> "Deployment".equals(o.getKind())).map(OwnerReference::getUid).findFirst();
    }

    private static java.util.Optional<String> ownerDeployment(Pod pod) {
        return owners(pod).stream().filter(o -> "Deployment".equals(o.getKind())).map(OwnerReference::getName).findFirst();
    }

    private static List<OwnerReference> owners(Pod pod) {
        return pod.getMetadata().getOwnerReferences() == null ? List.of() : pod.getMetadata().getOwnerReferences();
    }

    @Override
    public void close() {
        worker.interrupt();
        deployments.close();
        pods.close();
    }
}
