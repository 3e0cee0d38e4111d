package dev.flinkoperator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.spec.FlinkDeploymentSpec;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The operator as the namespace-scoped install runs it (kubernetes-namespaced.yml): every controller watches only
 * the operator's own namespace, and with leader election on it holds a Lease there before reconciling.
 */
@QuarkusTest
@TestProfile(NamespaceScopedTest.OneNamespaceWithLeaderElection.class)
@WithKubernetesTestServer(crud = true, setup = NamespaceScopedTest.LeaseAccess.class)
class NamespaceScopedTest extends ApiServerTest {

    /** The settings the namespace-scoped install puts in the operator's environment, plus leader election. */
    public static class OneNamespaceWithLeaderElection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.operator-sdk.controllers.flinkdeployment.namespaces", "JOSDK_WATCH_CURRENT",
                    "quarkus.operator-sdk.controllers.flinksessionjob.namespaces", "JOSDK_WATCH_CURRENT",
                    "quarkus.operator-sdk.controllers.flinkstatesnapshot.namespaces", "JOSDK_WATCH_CURRENT",
                    "kubernetes.operator.leader-election.enabled", "true");
        }
    }

    /**
     * The SDK asks the API server whether it may use Leases before electing; the mock has no authorizer, so it
     * answers as a server that granted the install's Lease rule would.
     */
    public static class LeaseAccess implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews").andReturn(201, """
                    {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectRulesReview",
                     "status": {"incomplete": false, "resourceRules": [{"apiGroups": ["coordination.k8s.io"],
                       "resources": ["leases"], "verbs": ["get", "create", "update"]}]}}""").always();
        }
    }

    private static FlinkDeployment session(String namespace, String name) {
        FlinkDeployment fd = new FlinkDeployment();
        fd.getMetadata().setName(name);
        fd.getMetadata().setNamespace(namespace);
        fd.setSpec(new FlinkDeploymentSpec());
        fd.getSpec().image = "flink:1.20";
        fd.getSpec().flinkVersion = "v1_20";
        return fd;
    }

    @Test
    void onlyTheOperatorsNamespaceIsManagedAndTheLeaderHoldsItsLease() {
        KubernetesClient test = OperatorTestSupport.testClient(operatorClient);
        String own = operatorClient.getNamespace();
        test.resource(session("elsewhere", "not-mine")).create();
        test.resource(session(own, "mine")).create();

        OperatorTestSupport.awaitDeployment(test, own, "mine", fd -> fd.getStatus() != null);
        assertNotNull(test.configMaps().inNamespace(own).withName("flink-config-mine").get());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                test.resources(FlinkDeployment.class).inNamespace("elsewhere").withName("not-mine").get()
                        .getStatus() == null);
        assertNull(test.configMaps().inNamespace("elsewhere").withName("flink-config-not-mine").get());

        Lease lease = test.leases().inNamespace(own).withName("flink-operator-lease").get();
        assertNotNull(lease, "the leader's Lease in the operator's namespace");
        assertFalse(lease.getSpec().getHolderIdentity().isBlank());
    }
}
