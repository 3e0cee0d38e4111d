package dev.flinkoperator.bundle;

import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.quarkiverse.operatorsdk.annotations.SharedCSVMetadata;

/** The OLM bundle's metadata, in one place for both controllers (their own annotations only name the bundle). */
@CSVMetadata(
        bundleName = OperatorBundle.NAME,
        annotations = @CSVMetadata.Annotations(
                capabilities = "Basic Install",
                categories = "Streaming & Messaging",
                containerImage = "flink-operator/flink-operator:0.1.0-SNAPSHOT",
                almExamples = CsvExamples.ALM_EXAMPLES),
        displayName = "Flink Operator",
        icon = @CSVMetadata.Icon(fileName = "icon.svg", mediatype = "image/svg+xml"),
        description = "Runs Apache Flink clusters and jobs declared as FlinkDeployment and FlinkSessionJob resources "
                + "(flink.apache.org/v1beta1, compatible with the Apache Flink Kubernetes Operator): deploys, "
                + "upgrades, savepoints, autoscales and cleans up. A small native binary.",
        keywords = {"flink", "apache flink", "streaming", "stream processing", "big data"},
        maturity = "alpha",
        minKubeVersion = "1.25.0",
        provider = @CSVMetadata.Provider(name = "Flink Operator project"),
        maintainers = @CSVMetadata.Maintainer(name = "Flink Operator maintainers", email = "maintainers@flinkoperator.dev"),
        links = @CSVMetadata.Link(name = "Apache Flink", url = "https://flink.apache.org"),
        installModes = {
                @CSVMetadata.InstallMode(type = "OwnNamespace", supported = true),
                @CSVMetadata.InstallMode(type = "SingleNamespace", supported = true),
                @CSVMetadata.InstallMode(type = "MultiNamespace", supported = true),
                @CSVMetadata.InstallMode(type = "AllNamespaces", supported = true)})
public class OperatorBundle implements SharedCSVMetadata {
    public static final String NAME = "flink-operator";
}
