package dev.flinkoperator.reconcile;

import dev.flinkoperator.config.OperatorConfig.RestAccess;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where the operator reaches a cluster's REST API, from its REST Service: the one seam between an operator inside
 * the cluster (the Service's DNS name) and one outside it or in the sandbox (the Service's load balancer address).
 */
public final class RestEndpoint {
    private RestEndpoint() {
    }

    /** @return the base URI, or empty while the Service (or its load balancer address) is not there */
    public static Optional<URI> of(Service rest, RestAccess access) {
        if (rest == null || rest.getSpec() == null || rest.getSpec().getPorts() == null
                || rest.getSpec().getPorts().isEmpty()) {
            return Optional.empty();
        }
        int index = restPortIndex(rest.getSpec().getPorts());
        if (access == RestAccess.CLUSTER_DNS) {
            return Optional.of(URI.create("http://" + rest.getMetadata().getName() + "."
                    + rest.getMetadata().getNamespace() + ":" + rest.getSpec().getPorts().get(index).getPort()));
        }
        List<LoadBalancerIngress> ingress = rest.getStatus() == null || rest.getStatus().getLoadBalancer() == null
                ? null : rest.getStatus().getLoadBalancer().getIngress();
        if (ingress == null || ingress.isEmpty()) {
            return Optional.empty();
        }
        LoadBalancerIngress first = ingress.get(0);
        String host = first.getIp() != null ? first.getIp() : first.getHostname();
        if (host == null) {
            return Optional.empty();
        }
        // A cloud load balancer serves the Service's own port; one that reports ports may have mapped them.
        int port = first.getPorts() != null && first.getPorts().size() > index && first.getPorts().get(index).getPort() != null
                ? first.getPorts().get(index).getPort() : rest.getSpec().getPorts().get(index).getPort();
        return Optional.of(URI.create("http://" + host + ":" + port));
    }

    private static int restPortIndex(List<ServicePort> ports) {
        for (int i = 0; i < ports.size(); i++) {
            if ("rest".equals(ports.get(i).getName())) {
                return i;
            }
        }
        return 0;
    }
}
