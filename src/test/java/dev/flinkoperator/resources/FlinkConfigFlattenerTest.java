package dev.flinkoperator.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkConfigFlattenerTest {

    @Test
    void nestedKeysJoinWithDotsAndScalarsBecomeStrings() {
        JsonNode config = Serialization.unmarshal("""
                taskmanager.numberOfTaskSlots: 2
                job.autoscaler:
                  enabled: true
                  target.utilization.boundary: 0.1
                high-availability: {type: kubernetes}
                pipeline.classpaths: [a.jar, b.jar]
                ignored: null
                """, JsonNode.class);
        assertEquals(Map.of(
                "taskmanager.numberOfTaskSlots", "2",
                "job.autoscaler.enabled", "true",
                "job.autoscaler.target.utilization.boundary", "0.1",
                "high-availability.type", "kubernetes",
                "pipeline.classpaths", "a.jar;b.jar"), FlinkConfigFlattener.flatten(config));
    }

    @Test
    void aConfigurationThatIsNotAMapIsRejected() {
        assertThrows(InvalidSpecException.class,
                () -> FlinkConfigFlattener.flatten(Serialization.unmarshal("[1, 2]", JsonNode.class)));
    }
}
