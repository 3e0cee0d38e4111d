package dev.flinkoperator.reconcile;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.FlinkSessionJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The FlinkSessionJobs that name a session cluster, read when it is deleted (not watched for it). */
@ApplicationScoped
public class SessionJobs {
    private final KubernetesClient client;

    public SessionJobs(KubernetesClient client) {
        this.client = client;
    }

    public List<String> namesOn(FlinkDeployment session) {
        String name = session.getMetadata().getName();
        return client.resources(FlinkSessionJob.class).inNamespace(session.getMetadata().getNamespace()).list()
                .getItems().stream()
                .filter(job -> job.getSpec() != null && name.equals(job.getSpec().deploymentName))
                .map(job -> job.getMetadata().getName()).sorted().toList();
    }
}
