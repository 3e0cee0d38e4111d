package dev.flinkoperator.resources;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JobManager Deployment &lt;name&gt;, shaped as Flink's native integration shapes it. */
public final class JobManagerDeploymentBuilder {
    private JobManagerDeploymentBuilder() {
    }

    /** @param configHash what the pods' config-hash annotation says (see {@link DesiredResources}) */
    public static Deployment build(FlinkClusterModel model, Map<String, String> configMapData, String configHash) {
        FlinkPodTemplateBuilder pod = ComponentDeployment.pod(model, FlinkLabels.COMPONENT_JOBMANAGER, configMapData,
                configHash)
                .ports(List.of(
                        port("rest", EffectiveFlinkConfig.REST_PORT),
                        port("jobmanager-rpc", EffectiveFlinkConfig.JOBMANAGER_RPC_PORT),
                        port("blobserver", EffectiveFlinkConfig.BLOB_PORT)))
                .env(List.of(podIpEnv()))
                .resources(model.jobManager().container());
        if (model.isNative()) {
            pod.command(List.of("/docker-entrypoint.sh"))
                    .args(List.of("bash", "-c", "kubernetes-jobmanager.sh "
                            + (model.isApplication() ? "kubernetes-application" : "kubernetes-session")))
                    .configMapVolume(FlinkPodTemplateBuilder.POD_TEMPLATE_VOLUME, EffectiveFlinkConfig.POD_TEMPLATE_DIR,
                            List.of(EffectiveFlinkConfig.TASKMANAGER_POD_TEMPLATE_FILE));
        } else {
            pod.args(standaloneArgs(model));
        }
        return ComponentDeployment.build(model, model.name(), FlinkLabels.COMPONENT_JOBMANAGER,
                model.jobManagerReplicas(), pod.build());
    }

    // The official image's entrypoint: "jobmanager" for a session, "standalone-job" for an application.
    private static List<String> standaloneArgs(FlinkClusterModel model) {
        if (!model.isApplication()) {
            return List.of("jobmanager");
        }
        List<String> args = new ArrayList<>(List.of("standalone-job"));
        if (model.job().entryClass != null) {
            args.addAll(List.of("--job-classname", model.job().entryClass));
        }
        if (model.job().args != null) {
            args.addAll(model.job().args);
        }
        return args;
    }

    static ContainerPort port(String name, int number) {
        return new ContainerPortBuilder().withName(name).withContainerPort(number).withProtocol("TCP").build();
    }

    // Flink's native entrypoint advertises this address when high availability is on.
    private static EnvVar podIpEnv() {
        return new EnvVarBuilder().withName("_POD_IP_ADDRESS")
                .withNewValueFrom().withNewFieldRef().withApiVersion("v1").withFieldPath("status.podIP")
                .endFieldRef().endValueFrom().build();
    }
}
