package dev.flinkoperator.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrinterTableTest {

    @Test
    void aListBecomesRowsOfTheCrdsPrinterColumns() {
        JsonNode columns = Serialization.unmarshal("""
                [{"name": "Job Status", "type": "string", "jsonPath": ".status.jobStatus.state"},
                 {"name": "Lifecycle State", "type": "string", "jsonPath": ".status.lifecycleState"}]""", JsonNode.class);
        JsonNode list = Serialization.unmarshal("""
                {"kind": "FlinkDeploymentList", "metadata": {"resourceVersion": "7"}, "items": [
                  {"metadata": {"name": "a", "creationTimestamp": "2026-11-23T10:00:00Z"},
                   "status": {"jobStatus": {"state": "RUNNING"}, "lifecycleState": "STABLE"}},
                  {"metadata": {"name": "b", "creationTimestamp": "2026-11-23T10:04:30Z"}}]}""", JsonNode.class);
        JsonNode table = PrinterTable.of(columns, list, Instant.parse("2026-11-23T10:05:00Z"));
        assertEquals("Table", table.path("kind").asText());
        assertEquals("[\"Name\",\"Job Status\",\"Lifecycle State\",\"Age\"]",
                Serialization.asJson(table.path("columnDefinitions").findValues("name")));
        assertEquals("[\"a\",\"RUNNING\",\"STABLE\",\"5m\"]", table.path("rows").get(0).path("cells").toString());
        assertEquals("[\"b\",\"\",\"\",\"30s\"]", table.path("rows").get(1).path("cells").toString());
        assertEquals("a", table.path("rows").get(0).path("object").path("metadata").path("name").asText());
    }

    @Test
    void aServiceShowsTheLocalPortTheNodeServesItOn() {
        JsonNode service = Serialization.unmarshal("""
                {"metadata": {"name": "app-rest", "creationTimestamp": "2026-11-23T10:00:00Z"},
                 "spec": {"type": "ClusterIP", "clusterIP": "10.0.0.7"},
                 "status": {"loadBalancer": {"ingress": [{"ip": "127.0.0.1", "ports": [{"port": 41234}]}]}}}""",
                JsonNode.class);
        JsonNode table = PrinterTable.of(PrinterTable.builtInColumns("/api/v1/namespaces/default/services/app-rest"),
                service, Instant.parse("2026-11-23T10:00:10Z"));
        assertEquals("[\"app-rest\",\"ClusterIP\",\"10.0.0.7\",\"127.0.0.1\",\"41234\",\"10s\"]",
                table.path("rows").get(0).path("cells").toString());
        assertEquals(null, PrinterTable.builtInColumns("/api/v1/namespaces/default/configmaps"));
    }

    @Test
    void agesReadAsKubectlPrintsThem() {
        assertEquals("45s", PrinterTable.age(Duration.ofSeconds(45)));
        assertEquals("3m12s", PrinterTable.age(Duration.ofSeconds(192)));
        assertEquals("17m", PrinterTable.age(Duration.ofMinutes(17)));
        assertEquals("5h", PrinterTable.age(Duration.ofHours(5)));
        assertEquals("3d", PrinterTable.age(Duration.ofDays(3)));
    }
}
