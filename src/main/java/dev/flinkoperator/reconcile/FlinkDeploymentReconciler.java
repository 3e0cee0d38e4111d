package dev.flinkoperator.reconcile;

import dev.flinkoperator.bundle.OperatorBundle;
import dev.flinkoperator.config.OperatorConfig;
import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.JobManagerDeploymentStatus;
import dev.flinkoperator.crd.status.JobStatus;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.FlinkRestClients;
import dev.flinkoperator.lifecycle.ApplicationLifecycle;
import dev.flinkoperator.lifecycle.JobSettings;
import dev.flinkoperator.lifecycle.Rollbacks;
import dev.flinkoperator.lifecycle.RunningJobSnapshots;
import dev.flinkoperator.lifecycle.SavepointTriggers;
import dev.flinkoperator.resources.DesiredResources;
import dev.flinkoperator.resources.EffectiveFlinkConfig;
import dev.flinkoperator.resources.FlinkClusterModel;
import dev.flinkoperator.resources.FlinkLabels;
import dev.flinkoperator.resources.JobLaunch;
import dev.flinkoperator.validation.FlinkDeploymentValidator;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Keeps the Kubernetes objects of each FlinkDeployment in line with its spec: validate, build the desired objects,
 * write what differs, remove what is no longer wanted, and record the outcome in one status write. An application
 * cluster's spec changes go through {@link ApplicationLifecycle} (stop the job per its upgrade mode, remove the old
 * cluster, deploy the new one from the saved state).
 */
@ControllerConfiguration(name = FlinkDeploymentReconciler.NAME)
// What the reconciler writes and watches besides its own resource (the SDK adds the rules for FlinkDeployment).
// ConfigMaps include the ones of Flink's Kubernetes high availability (HaMetadata).
@RBACRule(apiGroups = "", resources = {"configmaps", "services"},
        verbs = {"get", "list", "watch", "create", "update", "delete"})
@RBACRule(apiGroups = "apps", resources = "deployments", verbs = {"get", "list", "watch", "create", "update", "delete"})
@RBACRule(apiGroups = "networking.k8s.io", resources = "ingresses",
        verbs = {"get", "list", "watch", "create", "update", "delete"})
@RBACRule(apiGroups = "", resources = "events", verbs = "create")
// A session cluster's deletion waits for its session jobs (SessionJobs).
@RBACRule(apiGroups = FlinkDeployment.GROUP, resources = "flinksessionjobs", verbs = "list")
// Pods are read to explain a JobManager that does not start, and deleted with their FlinkDeployment (ClusterPods).
@RBACRule(apiGroups = "", resources = "pods", verbs = {"list", "delete"})
// Operator-wide, here because the SDK reads rules from reconcilers: the lease of leader election (LeaderElectionProducer).
@RBACRule(apiGroups = "coordination.k8s.io", resources = "leases", verbs = {"get", "create", "update", "patch"})
@CSVMetadata(bundleName = OperatorBundle.NAME)
public class FlinkDeploymentReconciler implements Reconciler<FlinkDeployment>, Cleaner<FlinkDeployment> {
    public static final String NAME = "flinkdeployment";
    /** A recorded step is acted on at once; a step under way (a cancel, a savepoint, pods going) is polled. */
    static final Duration NEXT_STEP = Duration.ofMillis(100);
    static final Duration STEP_CHECK = Duration.ofSeconds(2);

    private final ResourceWriter writer;
    private final StatusWriter statusWriter;
    private final EventRecorder events;
    private final ClusterPods pods;
    private final HaMetadata ha;
    private final Clock clock;
    private final OperatorConfig config;
    private final FlinkRestClients flink;
    private final SessionJobs sessionJobs;

    public FlinkDeploymentReconciler(ResourceWriter writer, StatusWriter statusWriter, EventRecorder events,
            ClusterPods pods, HaMetadata ha, Clock clock, OperatorConfig config, FlinkRestClients flink,
            SessionJobs sessionJobs) {
        this.sessionJobs = sessionJobs;
        this.writer = writer;
        this.flink = flink;
        this.pods = pods;
        this.ha = ha;
        this.statusWriter = statusWriter;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public List<EventSource<?, FlinkDeployment>> prepareEventSources(EventSourceContext<FlinkDeployment> context) {
        return OwnedObjects.KINDS.stream().<EventSource<?, FlinkDeployment>>map(kind -> new InformerEventSource<>(
                InformerEventSourceConfiguration.from(kind, FlinkDeployment.class)
                        .withName(kind.getSimpleName())
                        .withLabelSelector(FlinkLabels.MANAGED_BY + "=" + FlinkLabels.MANAGED_BY_VALUE)
                        .build(), context)).toList();
    }

    @Override
    public UpdateControl<FlinkDeployment> reconcile(FlinkDeployment deployment, Context<FlinkDeployment> context) {
        FlinkDeploymentStatus status = DeploymentStatusRecorder.statusOf(deployment);
        String statusBefore = statusWriter.latest(deployment, FlinkDeploymentStatus.class);
        String errorBefore = deployment.getStatus().error;
        OwnedObjects owned = new OwnedObjects(deployment, context, writer);

        Duration next = config.reconcile().interval();
        FlinkDeploymentValidator.Result checked = FlinkDeploymentValidator.check(deployment);
        if (!checked.valid()) {
            String message = String.join("; ", checked.errors());
            if (!message.equals(errorBefore)) {
                events.warning(deployment, "InvalidSpec", message);
            }
            Deployment jobManager = owned.get(Deployment.class, deployment.getMetadata().getName());
            DeploymentStatusRecorder.invalid(deployment, message, jobManager, clock);
        } else if (!checked.model().isApplication()) {
            DeploymentStatusRecorder.sessionSpecApplied(deployment, clock);
            next = deploy(deployment, checked.model(), null, owned, Duration.ZERO);
        } else {
            // While rolled back the cluster runs the last stable spec; the resource's spec is still checked above.
            FlinkDeployment view = Rollbacks.deployedView(deployment);
            FlinkDeploymentValidator.Result deployed = view == deployment ? checked : FlinkDeploymentValidator.check(view);
            next = reconcileApplication(deployment, deployed.valid() ? view : deployment,
                    deployed.valid() ? deployed.model() : checked.model(), owned);
        }
        String error = status.error;
        if (error != null && !error.equals(errorBefore) && checked.valid()) {
            events.warning(deployment, reasonFor(status), error);
        }
        statusWriter.write(deployment, statusBefore);
        return UpdateControl.<FlinkDeployment>noUpdate().rescheduleAfter(next);
    }

    private Duration reconcileApplication(FlinkDeployment deployment, FlinkDeployment view, FlinkClusterModel model,
            OwnedObjects owned) {
        FlinkDeploymentStatus status = deployment.getStatus();
        JobSettings settings = JobSettings.of(EffectiveFlinkConfig.of(model), config);
        Deployment jobManager = owned.get(Deployment.class, model.name());
        if (jobManager != null || status.jobManagerDeploymentStatus != null) {
            status.jobManagerDeploymentStatus = JobManagerObserver.observe(jobManager);
        }
        ApplicationLifecycle.Next next = ApplicationLifecycle.advance(deployment, settings,
                () -> client(deployment, model, owned), clusterOf(deployment, model, owned), clock);
        return switch (next) {
            case STEP_TAKEN -> NEXT_STEP;
            case RECOVERING_LOST_JOBMANAGER -> {
                events.warning(deployment, "JobManagerDeploymentLost", "The JobManager Deployment of job "
                        + status.jobStatus.jobId + " was deleted; redeploying it per upgrade mode");
                yield NEXT_STEP;
            }
            case ROLLING_BACK -> NEXT_STEP; // announced with the reason in status.error (see reasonFor)
            case RESTARTING_FAILED_JOB -> {
                events.normal(deployment, "JobRestarted", "Job " + status.jobStatus.jobId + " failed; redeploying "
                        + "it per upgrade mode (kubernetes.operator.job.restart.failed)");
                yield NEXT_STEP;
            }
            case WAITING -> STEP_CHECK;
            case BLOCKED -> config.reconcile().interval();
            case SUSPENDED -> {
                DeploymentStatusRecorder.suspended(deployment, clock);
                yield config.reconcile().interval();
            }
            case DEPLOY, RESCALED -> {
                JobStatus job = status.jobStatus;
                if (next == ApplicationLifecycle.Next.RESCALED) {
                    events.normal(deployment, "ScaledInPlace", "Job " + job.jobId + " asked to run at the new "
                            + "parallelism in place (adaptive scheduler), without a redeployment");
                }
                boolean allowNonRestored = Boolean.TRUE.equals(view.getSpec().job.allowNonRestoredState);
                Duration observeAgain = deploy(deployment, model,
                        new JobLaunch(job.jobId, job.upgradeSavepointPath, allowNonRestored), owned,
                        settings.stableAfter());
                SavepointTriggers.Result snapshots = RunningJobSnapshots.step(status, deployment.getSpec(), settings,
                        client(deployment, model, owned), clock);
                if (snapshots.failure() != null) {
                    events.warning(deployment, "SnapshotFailed", snapshots.failure());
                } else if (snapshots.completed() != null) {
                    events.normal(deployment, "SavepointCompleted", "Savepoint ("
                            + snapshots.completed().triggerType + ") at " + snapshots.completed().location);
                }
                if (settings.restartFailed() && job.state == FlinkJobState.FAILED) {
                    yield NEXT_STEP; // just seen failing: the lifecycle redeploys it on the next pass
                }
                yield snapshots.recorded() ? NEXT_STEP : snapshots.busy() ? STEP_CHECK : observeAgain;
            }
        };
    }

    /** Applies the recorded deployment and looks at how it is doing; returns when to look again. */
    private Duration deploy(FlinkDeployment deployment, FlinkClusterModel model, JobLaunch launch, OwnedObjects owned,
            Duration stableAfter) {
        Deployment jobManager = owned.apply(DesiredResources.of(model, launch));
        String podFailure = JobManagerObserver.podsWorthChecking(jobManager, clock)
                ? PodFailures.firstOf(pods.jobManagerPods(deployment)) : null;
        DeploymentStatusRecorder.deployed(deployment, model, jobManager, podFailure, clock);
        FlinkRestClient client = client(deployment, model, owned);
        JobObserver.Outcome observed = client == null ? new JobObserver.Outcome(false, null)
                : JobObserver.observe(deployment.getStatus(), model.isApplication(), client,
                        new JobObserver.Stability(stableAfter, clock));
        return observed.next(config.reconcile().interval(), config.observer().progressCheckInterval(), STEP_CHECK);
    }

    /** A client for a ready JobManager whose REST address is known, else null. */
    private FlinkRestClient client(FlinkDeployment deployment, FlinkClusterModel model, OwnedObjects owned) {
        if (deployment.getStatus().jobManagerDeploymentStatus != JobManagerDeploymentStatus.READY) {
            return null;
        }
        return RestEndpoint.of(owned.get(Service.class, model.restServiceName()), config.flink().restAccess())
                .map(uri -> flink.forJobManager(uri, config.flink().client().timeout()))
                .orElse(null);
    }

    private ApplicationLifecycle.Cluster clusterOf(FlinkDeployment deployment, FlinkClusterModel model,
            OwnedObjects owned) {
        return new ApplicationLifecycle.Cluster() {
            @Override
            public boolean remove(boolean everything) {
                return !owned.delete(everything) && !pods.anyLeft(deployment);
            }

            @Override
            public boolean jobManagerExists() {
                return owned.get(Deployment.class, model.name()) != null;
            }

            @Override
            public void forgetJobGraphs() {
                ha.forgetJobGraphs(deployment.getMetadata().getNamespace(), model.clusterId());
            }
        };
    }

    /**
     * A session cluster is not deleted out from under its session jobs: it waits (saying why once) until they are
     * deleted, which stops their jobs through it.
     */
    private boolean holdForSessionJobs(FlinkDeployment session) {
        List<String> jobs = sessionJobs.namesOn(session);
        if (jobs.isEmpty()) {
            return false;
        }
        String statusBefore = statusWriter.latest(session, FlinkDeploymentStatus.class);
        String message = "Waiting for the session jobs on this cluster to be deleted first: " + String.join(", ", jobs);
        if (!message.equals(session.getStatus().error)) {
            events.warning(session, "SessionJobsExist", message);
        }
        session.getStatus().error = message;
        statusWriter.write(session, statusBefore);
        return true;
    }

    private static String reasonFor(FlinkDeploymentStatus status) {
        if (Rollbacks.active(status.reconciliationStatus)) {
            return "RollingBack";
        }
        if (status.reconciliationStatus != null && status.reconciliationStatus.upgrade != null) {
            return "UpgradeBlocked";
        }
        return status.jobStatus != null && status.jobStatus.state == FlinkJobState.FAILED
                ? "JobFailed" : "JobManagerDeploymentFailed";
    }

    @Override
    public DeleteControl cleanup(FlinkDeployment deployment, Context<FlinkDeployment> context) {
        OwnedObjects owned = new OwnedObjects(deployment, context, writer);
        FlinkDeploymentValidator.Result checked = FlinkDeploymentValidator.check(deployment);
        if (deployment.getSpec() != null && deployment.getSpec().job == null && holdForSessionJobs(deployment)) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.observer().progressCheckInterval());
        }
        if (checked.valid() && checked.model().isApplication() && deployment.getStatus() != null) {
            FlinkClusterModel model = checked.model();
            String statusBefore = statusWriter.latest(deployment, FlinkDeploymentStatus.class);
            JobSettings settings = JobSettings.of(EffectiveFlinkConfig.of(model), config);
            boolean stopped = JobDeletion.stop(deployment, deployment.getStatus(), settings,
                    client(deployment, model, owned), events, clock);
            statusWriter.write(deployment, statusBefore);
            if (!stopped) {
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(STEP_CHECK);
            }
            if (settings.kubernetesHa()) {
                ha.deleteAll(deployment.getMetadata().getNamespace(), model.clusterId());
            }
        }
        // Owner references let a real cluster's garbage collector do this too; deleting here makes it immediate.
        owned.all().forEach(writer::delete);
        pods.deleteAll(deployment);
        statusWriter.forget(deployment);
        return DeleteControl.defaultDelete();
    }
}
