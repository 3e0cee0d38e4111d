package dev.flinkoperator.crd;

import dev.flinkoperator.crd.spec.FlinkStateSnapshotSpec;
import dev.flinkoperator.crd.status.FlinkStateSnapshotStatus;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An on-demand or recorded savepoint/checkpoint of a Flink job. */
// Shown for this owned CRD in the OLM bundle (OperatorHub's API list).
@CSVMetadata(displayName = "Flink State Snapshot",
        description = "A savepoint or checkpoint of the job of a FlinkDeployment or FlinkSessionJob: taken on request, "
                + "or recorded when it already exists.")
@Group(FlinkDeployment.GROUP)
@Version(FlinkDeployment.VERSION)
@ShortNames("flinksnp")
@AdditionalPrinterColumn(name = "Path", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.path")
@AdditionalPrinterColumn(name = "Result Timestamp", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.resultTimestamp")
@AdditionalPrinterColumn(name = "Snapshot State", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.state")
public class FlinkStateSnapshot extends CustomResource<FlinkStateSnapshotSpec, FlinkStateSnapshotStatus>
        implements Namespaced {
}
