package dev.flinkoperator.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flinkoperator.ReferenceData;
import dev.flinkoperator.crd.FlinkDeployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkDeploymentValidatorTest {

    @Test
    void everyReferenceExampleDeploymentIsValid() throws Exception {
        int checked = 0;
        for (Path example : ReferenceData.examples()) {
            for (String document : Files.readString(example).split("(?m)^---\\s*$")) {
                Map<?, ?> map = Serialization.unmarshal(document, Map.class);
                if (map != null && "FlinkDeployment".equals(map.get("kind"))) {
                    FlinkDeployment fd = Serialization.jsonMapper().convertValue(map, FlinkDeployment.class);
                    fd.getMetadata().setNamespace("ns");
                    assertEquals(List.of(), FlinkDeploymentValidator.validate(fd), example.toString());
                    checked++;
                }
            }
        }
        assertTrue(checked >= 9, "only " + checked + " FlinkDeployments found in the examples");
    }

    @Test
    void highAvailabilityAllowsSeveralJobManagers() {
        FlinkDeployment fd = Serialization.unmarshal("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: ha, namespace: ns}
                spec:
                  image: flink:1.20
                  flinkVersion: v1_20
                  flinkConfiguration: {high-availability: {type: kubernetes, storageDir: 's3://b/ha'}}
                  jobManager: {replicas: 2}
                """, FlinkDeployment.class);
        assertEquals(List.of(), FlinkDeploymentValidator.validate(fd));
        fd.getSpec().flinkConfiguration = null;
        assertTrue(FlinkDeploymentValidator.validate(fd).get(0).contains("high availability is off"));
    }

    @Test
    void statefulUpgradeModesNeedDurableStateDirectories() {
        FlinkDeployment fd = Serialization.unmarshal("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: app, namespace: ns}
                spec:
                  image: flink:1.20
                  flinkVersion: v1_20
                  job: {jarURI: "local:///opt/flink/examples/streaming/StateMachineExample.jar", upgradeMode: savepoint}
                """, FlinkDeployment.class);
        List<String> errors = FlinkDeploymentValidator.validate(fd);
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("state.checkpoints.dir"), errors.get(0));
        assertTrue(errors.get(1).contains("state.savepoints.dir"), errors.get(1));

        fd.getSpec().job.upgradeMode = dev.flinkoperator.crd.spec.UpgradeMode.LAST_STATE;
        fd.getSpec().flinkConfiguration = Serialization.unmarshal("execution.checkpointing.dir: s3://b/cp\n",
                com.fasterxml.jackson.databind.JsonNode.class);
        assertEquals(List.of(), FlinkDeploymentValidator.validate(fd), "Flink 2's key counts too");
    }

    @Test
    void anIngressWithoutTemplateIsRejectedAndAValidSpecHandsBackItsModel() {
        FlinkDeployment fd = Serialization.unmarshal("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: web, namespace: ns}
                spec:
                  image: flink:1.20
                  flinkVersion: v1_20
                  ingress: {className: nginx}
                """, FlinkDeployment.class);
        FlinkDeploymentValidator.Result rejected = FlinkDeploymentValidator.check(fd);
        assertTrue(rejected.errors().get(0).startsWith("spec.ingress.template is required"), rejected.errors().toString());
        assertEquals(null, rejected.model());

        fd.getSpec().ingress.template = "{{name}}.example.com";
        FlinkDeploymentValidator.Result accepted = FlinkDeploymentValidator.check(fd);
        assertTrue(accepted.valid(), accepted.errors().toString());
        assertEquals("web", accepted.model().name());
    }
}
