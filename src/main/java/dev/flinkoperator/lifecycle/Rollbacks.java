package dev.flinkoperator.lifecycle;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.spec.FlinkDeploymentSpec;
import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import dev.flinkoperator.crd.status.ReconciliationState;
import dev.flinkoperator.crd.status.ReconciliationStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;

/**
 * Rolling back a spec that did not become stable ({@code kubernetes.operator.deployment.rollback.enabled}): when the
 * job of a new spec is not running within {@code kubernetes.operator.deployment.readiness.timeout}, the last spec
 * whose job ran (lastStableSpec) is deployed again. While ROLLING_BACK or ROLLED_BACK the cluster runs that spec;
 * lastReconciledSpec stays the one that failed, so the next change of the spec is an ordinary upgrade.
 */
public final class Rollbacks {
    private Rollbacks() {
    }

    /** The cluster runs lastStableSpec rather than the resource's spec. */
    public static boolean active(ReconciliationStatus reconciliation) {
        return reconciliation != null && (reconciliation.state == ReconciliationState.ROLLING_BACK
                || reconciliation.state == ReconciliationState.ROLLED_BACK);
    }

    /** The resource as the cluster should run it: itself, or while rolled back a copy with lastStableSpec. */
    public static FlinkDeployment deployedView(FlinkDeployment deployment) {
        ReconciliationStatus reconciliation = deployment.getStatus() == null ? null
                : deployment.getStatus().reconciliationStatus;
        if (!active(reconciliation)) {
            return deployment;
        }
        FlinkDeployment view = new FlinkDeployment();
        view.setMetadata(deployment.getMetadata());
        view.setStatus(deployment.getStatus());
        view.setSpec(Serialization.unmarshal(reconciliation.lastStableSpec, FlinkDeploymentSpec.class));
        return view;
    }

    /**
     * The deployed spec has had its readiness timeout, and the stable-after time its job needs to count as stable,
     * without becoming stable; and there is a stable spec to go back to.
     */
    static boolean due(FlinkDeploymentStatus status, JobSettings settings, Clock clock) {
        ReconciliationStatus reconciliation = status.reconciliationStatus;
        return settings.rollbackEnabled()
                && reconciliation.state == ReconciliationState.DEPLOYED
                && status.lifecycleState != ResourceLifecycleState.STABLE
                && reconciliation.lastStableSpec != null
                && SpecChange.of(Serialization.unmarshal(reconciliation.lastStableSpec, FlinkDeploymentSpec.class),
                        reconciliation.lastReconciledSpec) != SpecChange.NONE
                && reconciliation.reconciliationTimestamp != null
                && clock.millis() - reconciliation.reconciliationTimestamp
                        > settings.readinessTimeout().plus(settings.stableAfter()).toMillis();
    }
}
