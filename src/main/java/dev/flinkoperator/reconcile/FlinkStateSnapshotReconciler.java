package dev.flinkoperator.reconcile;

import dev.flinkoperator.bundle.OperatorBundle;
import dev.flinkoperator.config.OperatorConfig;
import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.FlinkStateSnapshot;
import dev.flinkoperator.crd.spec.FlinkStateSnapshotSpec;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.JobStatus;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.FlinkRestClients;
import dev.flinkoperator.flink.FlinkRestException;
import dev.flinkoperator.lifecycle.SnapshotRequests;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;
import dev.flinkoperator.crd.status.FlinkStateSnapshotStatus;
import dev.flinkoperator.crd.status.FlinkStateSnapshotStatus.SnapshotState;
import dev.flinkoperator.validation.FlinkStateSnapshotValidator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Records and takes FlinkStateSnapshots: an existing savepoint ({@code alreadyExists}) is COMPLETED at once with its
 * path; a new savepoint or checkpoint waits as TRIGGER_PENDING until the referenced job runs, then is taken through
 * its JobManager ({@link SnapshotRequests}); a request that cannot be understood is FAILED with the reason, in
 * status and as an event. The referenced resource and its REST Service are read when needed, not watched.
 */
@ControllerConfiguration(name = FlinkStateSnapshotReconciler.NAME)
@RBACRule(apiGroups = "", resources = "events", verbs = "create")
@RBACRule(apiGroups = FlinkDeployment.GROUP, resources = {"flinkdeployments", "flinksessionjobs"}, verbs = "get")
@RBACRule(apiGroups = "", resources = "services", verbs = "get")
@CSVMetadata(bundleName = OperatorBundle.NAME)
public class FlinkStateSnapshotReconciler implements Reconciler<FlinkStateSnapshot> {
    public static final String NAME = "flinkstatesnapshot";

    private final EventRecorder events;
    private final StatusWriter statusWriter;
    private final Clock clock;
    private final KubernetesClient client;
    private final FlinkRestClients flink;
    private final OperatorConfig config;

    public FlinkStateSnapshotReconciler(EventRecorder events, StatusWriter statusWriter, Clock clock,
            KubernetesClient client, FlinkRestClients flink, OperatorConfig config) {
        this.events = events;
        this.statusWriter = statusWriter;
        this.clock = clock;
        this.client = client;
        this.flink = flink;
        this.config = config;
    }

    @Override
    public UpdateControl<FlinkStateSnapshot> reconcile(FlinkStateSnapshot snapshot, Context<FlinkStateSnapshot> context) {
        if (snapshot.getStatus() == null) {
            snapshot.setStatus(new FlinkStateSnapshotStatus());
        }
        String before = statusWriter.latest(snapshot, FlinkStateSnapshotStatus.class);
        FlinkStateSnapshotStatus status = snapshot.getStatus();
        if (status.state == SnapshotState.COMPLETED || status.state == SnapshotState.ABANDONED) {
            return UpdateControl.noUpdate(); // final: a snapshot that exists is never re-taken or forgotten
        }
        List<String> problems = FlinkStateSnapshotValidator.validate(snapshot);
        if (!problems.isEmpty()) {
            String error = String.join("; ", problems);
            if (!error.equals(status.error)) {
                events.warning(snapshot, "InvalidSpec", error);
            }
            status.error = error;
            status.state = SnapshotState.FAILED;
        } else if (FlinkStateSnapshotValidator.recordsExisting(snapshot.getSpec())) {
            status.error = null;
            status.state = SnapshotState.COMPLETED;
            status.path = snapshot.getSpec().savepoint.path;
            status.resultTimestamp = Instant.now(clock).toString();
        } else {
            return take(snapshot, before);
        }
        statusWriter.write(snapshot, before);
        return UpdateControl.noUpdate();
    }

    private UpdateControl<FlinkStateSnapshot> take(FlinkStateSnapshot snapshot, String before) {
        FlinkStateSnapshotStatus status = snapshot.getStatus();
        if (status.state == null || status.state == SnapshotState.FAILED) {
            status.state = SnapshotState.TRIGGER_PENDING;
        }
        Optional<RunningJob> job = runningJob(snapshot);
        Duration next;
        if (job.isEmpty()) {
            next = config.observer().progressCheckInterval(); // waits for the job to run
        } else {
            String errorBefore = status.error;
            SnapshotRequests.Next step;
            try {
                step = SnapshotRequests.step(snapshot, job.get().jobId(), job.get().client(), clock);
            } catch (FlinkRestException e) {
                step = SnapshotRequests.Next.WAITING; // asked again on the next pass
            }
            if (status.error != null && !status.error.equals(errorBefore)) {
                events.warning(snapshot, "SnapshotFailed", status.error);
            }
            next = switch (step) {
                case RECORDED -> Duration.ofMillis(100);
                case WAITING -> Duration.ofSeconds(2);
                case DONE -> null;
            };
        }
        statusWriter.write(snapshot, before);
        return next == null ? UpdateControl.noUpdate() : UpdateControl.<FlinkStateSnapshot>noUpdate().rescheduleAfter(next);
    }

    private record RunningJob(String jobId, FlinkRestClient client) {
    }

    /** The referenced resource's job, if it runs and its JobManager can be reached. */
    private Optional<RunningJob> runningJob(FlinkStateSnapshot snapshot) {
        String namespace = snapshot.getMetadata().getNamespace();
        FlinkStateSnapshotSpec.JobReference reference = snapshot.getSpec().jobReference;
        JobStatus job;
        String cluster;
        if (reference.kind == FlinkStateSnapshotSpec.JobKind.FlinkSessionJob) {
            FlinkSessionJob sessionJob = client.resources(FlinkSessionJob.class).inNamespace(namespace)
                    .withName(reference.name).get();
            job = sessionJob == null || sessionJob.getStatus() == null ? null : sessionJob.getStatus().jobStatus;
            cluster = sessionJob == null ? null : sessionJob.getSpec().deploymentName;
        } else {
            FlinkDeployment deployment = client.resources(FlinkDeployment.class).inNamespace(namespace)
                    .withName(reference.name).get();
            job = deployment == null || deployment.getStatus() == null ? null : deployment.getStatus().jobStatus;
            cluster = reference.name;
        }
        if (job == null || job.state != FlinkJobState.RUNNING || cluster == null) {
            return Optional.empty();
        }
        return RestEndpoint.of(client.services().inNamespace(namespace).withName(cluster + "-rest").get(),
                        config.flink().restAccess())
                .map(uri -> new RunningJob(job.jobId, flink.forJobManager(uri, config.flink().client().timeout())));
    }
}
