package dev.flinkoperator.crd;

import dev.flinkoperator.crd.spec.FlinkSessionJobSpec;
import dev.flinkoperator.crd.status.FlinkSessionJobStatus;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Flink job submitted to the session cluster of an existing FlinkDeployment. */
// Shown for this owned CRD in the OLM bundle (OperatorHub's API list).
@CSVMetadata(displayName = "Flink Session Job",
        description = "A Flink job submitted to the session cluster (a FlinkDeployment without spec.job) named in "
                + "spec.deploymentName.")
@Group(FlinkDeployment.GROUP)
@Version(FlinkDeployment.VERSION)
@ShortNames("sessionjob")
@AdditionalPrinterColumn(name = "Job Status", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.jobStatus.state")
@AdditionalPrinterColumn(name = "Lifecycle State", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.lifecycleState")
public class FlinkSessionJob extends CustomResource<FlinkSessionJobSpec, FlinkSessionJobStatus> implements Namespaced {
}
