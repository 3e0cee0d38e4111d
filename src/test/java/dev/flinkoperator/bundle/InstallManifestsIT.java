package dev.flinkoperator.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.install.NamespacedInstall;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator's Deployment and ServiceMonitor as both generated installs ship them. Runs after packaging. */
class InstallManifestsIT {

    @ParameterizedTest
    @ValueSource(strings = {"target/kubernetes/kubernetes.yml", "target/kubernetes/kubernetes-namespaced.yml"})
    void operatorRunsHardenedProbedAndSized(String file) throws IOException {
        List<HasMetadata> objects = NamespacedInstall.read(Path.of(file));
        Deployment deployment = only(objects, Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container operator = pod.getContainers().get(0);

        assertEquals("/q/health/live", operator.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/q/health/ready", operator.getReadinessProbe().getHttpGet().getPath());
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertTrue(operator.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(false, operator.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), operator.getSecurityContext().getCapabilities().getDrop());
        // A read-only root filesystem leaves /tmp (Vert.x's file cache) to a writable emptyDir.
        assertTrue(operator.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")
                && pod.getVolumes().stream().anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null)));
        // Sized from the measured RSS (README, Measured): about 110 MiB with 100 FlinkDeployments at -Xmx64m.
        assertEquals(List.of("-Xmx64m"), operator.getArgs());
        assertEquals(new Quantity("128Mi"), operator.getResources().getRequests().get("memory"));
        assertEquals(new Quantity("256Mi"), operator.getResources().getLimits().get("memory"));

        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));

        Service service = only(objects, Service.class);
        GenericKubernetesResource monitor = (GenericKubernetesResource) objects.stream()
                .filter(o -> o.getKind().equals("ServiceMonitor")).findFirst().orElseThrow();
        Map<String, Object> spec = monitor.getAdditionalProperties();
        Map<?, ?> selected = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) spec.get("spec")).get("selector")).get("matchLabels");
        // Selects the operator's Service by its name label, not every Service of the namespace.
        assertEquals("flink-operator", selected.get("app.kubernetes.io/name"));
        assertTrue(service.getMetadata().getLabels().entrySet().containsAll(selected.entrySet()), selected.toString());
        List<?> endpoints = (List<?>) ((Map<?, ?>) spec.get("spec")).get("endpoints");
        Map<?, ?> endpoint = (Map<?, ?>) endpoints.get(0);
        assertEquals("/q/metrics", endpoint.get("path"));
        assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(endpoint.get("port"))));
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> kind) {
        List<T> matching = objects.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertEquals(1, matching.size(), kind.getSimpleName());
        return matching.get(0);
    }
}
