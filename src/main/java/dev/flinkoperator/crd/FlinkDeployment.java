package dev.flinkoperator.crd;

import dev.flinkoperator.crd.spec.FlinkDeploymentSpec;
import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Flink cluster (session or application) as declared by the user; API-compatible with the Apache operator. */
// Shown for this owned CRD in the OLM bundle (OperatorHub's API list).
@CSVMetadata(displayName = "Flink Deployment",
        description = "A Flink cluster: a session cluster, or an application cluster running the job in spec.job. The "
                + "operator creates its JobManager, TaskManagers, configuration and services, upgrades it on spec "
                + "changes and reports its state.")
@Group(FlinkDeployment.GROUP)
@Version(FlinkDeployment.VERSION)
@ShortNames("flinkdep")
@AdditionalPrinterColumn(name = "Job Status", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.jobStatus.state")
@AdditionalPrinterColumn(name = "Lifecycle State", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.lifecycleState")
public class FlinkDeployment extends CustomResource<FlinkDeploymentSpec, FlinkDeploymentStatus> implements Namespaced {
    public static final String GROUP = "flink.apache.org";
    public static final String VERSION = "v1beta1";

}
