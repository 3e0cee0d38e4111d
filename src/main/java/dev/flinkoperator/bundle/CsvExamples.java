package dev.flinkoperator.bundle;

/** Example resources OperatorHub offers to users who create one of our resources from the console. */
final class CsvExamples {
    static final String ALM_EXAMPLES = """
            [
              {
                "apiVersion": "flink.apache.org/v1beta1",
                "kind": "FlinkDeployment",
                "metadata": {"name": "session-cluster"},
                "spec": {
                  "image": "flink:1.20",
                  "flinkVersion": "v1_20",
                  "serviceAccount": "flink",
                  "flinkConfiguration": {"taskmanager.numberOfTaskSlots": "2"},
                  "jobManager": {"resource": {"memory": "1600m", "cpu": 1}},
                  "taskManager": {"resource": {"memory": "2048m", "cpu": 1}}
                }
              },
              {
                "apiVersion": "flink.apache.org/v1beta1",
                "kind": "FlinkDeployment",
                "metadata": {"name": "top-speed-windowing"},
                "spec": {
                  "image": "flink:1.20",
                  "flinkVersion": "v1_20",
                  "serviceAccount": "flink",
                  "jobManager": {"resource": {"memory": "1600m", "cpu": 1}},
                  "taskManager": {"resource": {"memory": "2048m", "cpu": 1}},
                  "job": {
                    "jarURI": "local:///opt/flink/examples/streaming/TopSpeedWindowing.jar",
                    "parallelism": 2,
                    "upgradeMode": "stateless"
                  }
                }
              },
              {
                "apiVersion": "flink.apache.org/v1beta1",
                "kind": "FlinkSessionJob",
                "metadata": {"name": "session-job"},
                "spec": {
                  "deploymentName": "session-cluster",
                  "job": {
                    "jarURI": "https://repo1.maven.org/maven2/org/apache/flink/flink-examples-streaming/1.20.0/flink-examples-streaming-1.20.0.jar",
                    "entryClass": "org.apache.flink.streaming.examples.windowing.TopSpeedWindowing",
                    "parallelism": 2,
                    "upgradeMode": "stateless"
                  }
                }
              },
              {
                "apiVersion": "flink.apache.org/v1beta1",
                "kind": "FlinkStateSnapshot",
                "metadata": {"name": "top-speed-windowing-savepoint"},
                "spec": {
                  "jobReference": {"kind": "FlinkDeployment", "name": "top-speed-windowing"},
                  "savepoint": {"formatType": "CANONICAL", "disposeOnDelete": false}
                }
              }
            ]""";

    private CsvExamples() {
    }
}
