package dev.flinkoperator.config;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Hands the SDK a leader election setup when {@code kubernetes.operator.leader-election.enabled} is true. The SDK looks
 * the bean up at start and runs without leader election when it is absent (null).
 */
@Singleton
public class LeaderElectionProducer {
    private static final Logger LOG = Logger.getLogger(LeaderElectionProducer.class);
    private final AtomicBoolean shuttingDown = new AtomicBoolean();

    @Produces
    @Dependent
    @Unremovable
    LeaderElectionConfiguration leaderElection(OperatorConfig config) {
        OperatorConfig.LeaderElection election = config.leaderElection();
        if (!election.enabled()) {
            return null;
        }
        LeaderCallbacks callbacks = new LeaderCallbacks(() -> { }, this::stoppedLeading, leader -> { });
        return new LeaderElectionConfiguration(election.leaseName(), election.leaseNamespace().orElse(null),
                election.leaseDuration(), election.renewDeadline(), election.retryPeriod(), null, callbacks, false);
    }

    /**
     * A replica that lost its lease must stop at once, or two would reconcile the same resources. Giving the lease up
     * because the operator is shutting down is not a loss: the SDK's own exit would turn a clean stop into a failure.
     */
    private void stoppedLeading() {
        if (!shuttingDown.get()) {
            LOG.error("Lost the leader election lease; exiting so that another replica takes over");
            Quarkus.asyncExit(1);
        }
    }

    // Before the SDK's own shutdown observer stops the operator (and with it the leader election).
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        shuttingDown.set(true);
    }
}
