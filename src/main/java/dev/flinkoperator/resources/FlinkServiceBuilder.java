package dev.flinkoperator.resources;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;

/** The REST service &lt;name&gt;-rest and the headless internal service &lt;name&gt; for RPC and blobs. */
public final class FlinkServiceBuilder {
    private FlinkServiceBuilder() {
    }

    public static Service rest(FlinkClusterModel model) {
        return service(model, model.restServiceName(), "ClusterIP", null,
                List.of(port("rest", EffectiveFlinkConfig.REST_PORT)));
    }

    /** TaskManagers reach the JobManager through it (jobmanager.rpc.address) when high availability is off. */
    public static Service internal(FlinkClusterModel model) {
        return service(model, model.name(), "ClusterIP", "None", List.of(
                port("jobmanager-rpc", EffectiveFlinkConfig.JOBMANAGER_RPC_PORT),
                port("blobserver", EffectiveFlinkConfig.BLOB_PORT)));
    }

    private static Service service(FlinkClusterModel model, String name, String type, String clusterIp,
            List<ServicePort> ports) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(model.namespace())
                .withLabels(FlinkLabels.cluster(model.name()))
                .withOwnerReferences(model.owner())
                .endMetadata()
                .withNewSpec()
                .withType(type)
                .withClusterIP(clusterIp)
                .withSelector(FlinkLabels.selector(model.name(), FlinkLabels.COMPONENT_JOBMANAGER))
                .withPorts(ports)
                .endSpec()
                .build();
    }

    private static ServicePort port(String name, int number) {
        return new ServicePortBuilder().withName(name).withPort(number).withProtocol("TCP")
                .withTargetPort(new IntOrString(number)).build();
    }
}
