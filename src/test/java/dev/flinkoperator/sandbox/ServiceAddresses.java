package dev.flinkoperator.sandbox;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.LoadBalancerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PortStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Services on the sandbox's node: a Service's port resolves to the local port of a pod it selects (a ready one
 * first), and that address is what the Service reports as its load balancer (127.0.0.1 and the local ports), so
 * kubectl, scripts and the operator find Flink's REST API and web UI.
 */
final class ServiceAddresses implements FlinkPodLauncher.ServiceResolver {
    // <service>[.<namespace>[.svc[.cluster.local]]]
    private static final Pattern SERVICE_HOST = Pattern.compile(
            "^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\\.([a-z0-9]([-a-z0-9]*[a-z0-9])?))?(\\.svc(\\.cluster\\.local)?)?\\.?$");

    private final BiFunction<String, String, Service> services;
    private final Supplier<List<Pod>> pods;
    private final Function<String, PodRun> runs;

    /**
     * @param services a Service by namespace and name, or null
     * @param runs what the node runs for a pod ("namespace/name"), or null
     */
    ServiceAddresses(BiFunction<String, String, Service> services, Supplier<List<Pod>> pods, Function<String, PodRun> runs) {
        this.services = services;
        this.pods = pods;
        this.runs = runs;
    }

    @Override
    public Integer localPort(String namespace, String host, int port) throws PodFilesystem.NotMountable {
        var m = SERVICE_HOST.matcher(host.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches() || host.equals("localhost") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return null;
        }
        String name = m.group(1);
        String serviceNamespace = m.group(4) != null ? m.group(4) : namespace;
        Service service = services.apply(serviceNamespace, name);
        Optional<Integer> local = service == null ? Optional.empty() : localPort(service, port);
        if (local.isEmpty()) {
            throw new PodFilesystem.NotMountable("waiting for service " + name + "." + serviceNamespace + ":" + port
                    + " to have a running pod");
        }
        return local.get();
    }

    /** The load balancer status the Service shows: 127.0.0.1 and the local port of each of its ports. */
    LoadBalancerStatus loadBalancer(Service service) {
        List<Integer> ports = new ArrayList<>();
        for (ServicePort port : service.getSpec().getPorts() == null ? List.<ServicePort>of() : service.getSpec().getPorts()) {
            Optional<Integer> local = localPort(service, port.getPort());
            if (local.isEmpty()) {
                return new LoadBalancerStatus();
            }
            ports.add(local.get());
        }
        if (ports.isEmpty()) {
            return new LoadBalancerStatus();
        }
        return new LoadBalancerStatusBuilder().withIngress(new LoadBalancerIngressBuilder().withIp("127.0.0.1")
                .withPorts(ports.stream().map(p -> new PortStatusBuilder().withPort(p).withProtocol("TCP").build())
                        .toList()).build()).build();
    }

    private Optional<Integer> localPort(Service service, int servicePort) {
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return Optional.empty();
        }
        IntOrString target = service.getSpec().getPorts() == null ? null : service.getSpec().getPorts().stream()
                .filter(p -> p.getPort() == servicePort).map(ServicePort::getTargetPort).findFirst().orElse(null);
        return pods.get().stream()
                .filter(p -> p.getMetadata().getNamespace().equals(service.getMetadata().getNamespace()))
                .filter(p -> p.getMetadata().getLabels() != null
                        && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .map(p -> new Candidate(p, runs.apply(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())))
                .filter(c -> c.run() != null && c.run().state == PodRun.State.RUNNING)
                .sorted(Comparator.comparing((Candidate c) -> !c.run().ready))
                .map(c -> c.run().ports.get(containerPort(c.pod(), target, servicePort)))
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    private record Candidate(Pod pod, PodRun run) {
    }

    private static int containerPort(Pod pod, IntOrString target, int servicePort) {
        if (target == null) {
            return servicePort;
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.<ContainerPort>empty() : c.getPorts().stream())
                .filter(p -> target.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElse(servicePort);
    }
}
