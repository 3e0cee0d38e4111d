package dev.flinkoperator.reconcile;

import dev.flinkoperator.config.OperatorConfig;
import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.status.FlinkSessionJobStatus;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.validation.FlinkSessionJobValidator;
import dev.flinkoperator.bundle.OperatorBundle;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import dev.flinkoperator.crd.status.JobManagerDeploymentStatus;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.FlinkRestClients;
import dev.flinkoperator.flink.JarSource;
import dev.flinkoperator.lifecycle.JobSettings;
import dev.flinkoperator.lifecycle.RunningJobSnapshots;
import dev.flinkoperator.lifecycle.SavepointTriggers;
import dev.flinkoperator.resources.InvalidSpecException;
import dev.flinkoperator.resources.SessionJobConfig;
import dev.flinkoperator.resources.FlinkLabels;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs each FlinkSessionJob's job on the session cluster it names: checks the spec against the cluster, records the
 * job id it will use, submits the job (jar upload and run) and reads its state back; cancels it when the resource is
 * deleted. A session job is looked at again whenever its FlinkDeployment or that cluster's REST Service changes.
 */
@ControllerConfiguration(name = FlinkSessionJobReconciler.NAME)
@RBACRule(apiGroups = FlinkDeployment.GROUP, resources = "flinkdeployments", verbs = {"get", "list", "watch"})
@RBACRule(apiGroups = "", resources = "services", verbs = {"get", "list", "watch"})
@RBACRule(apiGroups = "", resources = "events", verbs = "create")
@CSVMetadata(bundleName = OperatorBundle.NAME)
public class FlinkSessionJobReconciler implements Reconciler<FlinkSessionJob>, Cleaner<FlinkSessionJob> {
    public static final String NAME = "flinksessionjob";
    private static final String BY_DEPLOYMENT = "byDeployment";
    /** After a cancel or a submission, whose effect Flink shows within a second or two. */
    private static final Duration STEP_CHECK = Duration.ofSeconds(1);

    private final EventRecorder events;
    private final StatusWriter statusWriter;
    private final OperatorConfig config;
    private final FlinkRestClients flink;
    private final JarSource jars;
    private final Clock clock;

    public FlinkSessionJobReconciler(EventRecorder events, StatusWriter statusWriter, OperatorConfig config,
            FlinkRestClients flink, JarSource jars, Clock clock) {
        this.events = events;
        this.statusWriter = statusWriter;
        this.config = config;
        this.flink = flink;
        this.jars = jars;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, FlinkSessionJob>> prepareEventSources(EventSourceContext<FlinkSessionJob> context) {
        context.getPrimaryCache().addIndexer(BY_DEPLOYMENT, job -> sessionOf(job).stream()
                .map(id -> indexKey(id.getNamespace().orElseThrow(), id.getName())).toList());
        var sessions = InformerEventSourceConfiguration.from(FlinkDeployment.class, FlinkSessionJob.class)
                .withSecondaryToPrimaryMapper(deployment -> context.getPrimaryCache()
                        .byIndex(BY_DEPLOYMENT, indexKey(deployment.getMetadata().getNamespace(),
                                deployment.getMetadata().getName()))
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(job -> sessionOf((FlinkSessionJob) job))
                .build();
        // The session's REST Service: where its JobManager is reached (its load balancer address may come later)
        var restServices = InformerEventSourceConfiguration.from(Service.class, FlinkSessionJob.class)
                .withLabelSelector(FlinkLabels.MANAGED_BY + "=" + FlinkLabels.MANAGED_BY_VALUE)
                .withSecondaryToPrimaryMapper(service -> context.getPrimaryCache()
                        .byIndex(BY_DEPLOYMENT, indexKey(service.getMetadata().getNamespace(),
                                service.getMetadata().getLabels().getOrDefault(FlinkLabels.APP, "")))
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(job -> sessionOf((FlinkSessionJob) job).stream()
                        .map(id -> new ResourceID(id.getName() + "-rest", id.getNamespace().orElseThrow()))
                        .collect(Collectors.toSet()))
                .build();
        return List.of(new InformerEventSource<>(sessions, context), new InformerEventSource<>(restServices, context));
    }

    @Override
    public UpdateControl<FlinkSessionJob> reconcile(FlinkSessionJob job, Context<FlinkSessionJob> context) {
        if (job.getStatus() == null) {
            job.setStatus(new FlinkSessionJobStatus());
        }
        String before = statusWriter.latest(job, FlinkSessionJobStatus.class);
        FlinkSessionJobStatus status = job.getStatus();
        String errorBefore = status.error;
        FlinkDeployment session = context.getSecondaryResource(FlinkDeployment.class).orElse(null);

        List<String> problems = FlinkSessionJobValidator.validate(job, session);
        String error = problems.isEmpty() ? null : String.join("; ", problems);
        if (error != null && !error.equals(status.error)) {
            events.warning(job, "InvalidSpec", error);
        }
        status.observedGeneration = job.getMetadata().getGeneration();
        if (status.lifecycleState == null) {
            status.lifecycleState = ResourceLifecycleState.CREATED;
        }
        if (error != null) {
            status.error = error;
            statusWriter.write(job, before);
            return UpdateControl.<FlinkSessionJob>noUpdate().rescheduleAfter(config.reconcile().interval());
        }
        status.error = null; // what follows says it again if it still holds
        if (SessionJobSubmitter.chooseJobId(job, clock) || SessionJobSubmitter.recordSpecChange(job, clock)) {
            // Intent first: the id (or the job to replace) is in the status before anything is done about it.
            statusWriter.write(job, before);
            return UpdateControl.<FlinkSessionJob>noUpdate().rescheduleAfter(Duration.ofMillis(100));
        }
        JobSettings settings = settings(job, session);
        Optional<FlinkRestClient> client = sessionClient(session, context);
        JobObserver.Outcome outcome = client
                .map(c -> SessionJobSubmitter.submitOrObserve(job, c, jars, settings, clock))
                .orElse(new JobObserver.Outcome(false, null));
        if (outcome.failure() != null && !outcome.failure().equals(errorBefore)) {
            boolean upgrading = status.reconciliationStatus != null && status.reconciliationStatus.upgrade != null;
            events.warning(job, upgrading ? "UpgradeBlocked" : "JobFailed", outcome.failure());
        }
        SavepointTriggers.Result snapshots = client
                .map(c -> RunningJobSnapshots.step(status, job.getSpec(), settings, c, clock))
                .orElse(SavepointTriggers.Result.IDLE);
        if (snapshots.failure() != null) {
            events.warning(job, "SnapshotFailed", snapshots.failure());
        } else if (snapshots.completed() != null) {
            events.normal(job, "SavepointCompleted", "Savepoint (" + snapshots.completed().triggerType + ") at "
                    + snapshots.completed().location);
        }
        statusWriter.write(job, before);
        Duration next = outcome.next(config.reconcile().interval(), config.observer().progressCheckInterval(),
                STEP_CHECK);
        if (snapshots.recorded() || snapshots.busy()) {
            next = STEP_CHECK;
        }
        return UpdateControl.<FlinkSessionJob>noUpdate().rescheduleAfter(next);
    }

    @Override
    public DeleteControl cleanup(FlinkSessionJob job, Context<FlinkSessionJob> context) {
        FlinkDeployment session = context.getSecondaryResource(FlinkDeployment.class).orElse(null);
        String before = statusWriter.latest(job, FlinkSessionJobStatus.class);
        JobSettings settings;
        try {
            settings = settings(job, session);
        } catch (InvalidSpecException e) {
            settings = JobSettings.of(java.util.Map.of(), config); // an unreadable configuration: the defaults
        }
        // Bounded: by the client's timeout per call, and by kubernetes.operator.resource.cleanup.timeout in all.
        boolean stopped = JobDeletion.stop(job, job.getStatus(), settings,
                sessionClient(session, context).orElse(null), events, clock);
        statusWriter.write(job, before);
        if (!stopped) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(STEP_CHECK);
        }
        statusWriter.forget(job);
        return DeleteControl.defaultDelete();
    }

    /**
     * The session job's settings. A session job never resumes from HA metadata: its cluster outlives it, so a
     * last-state upgrade cancels it and restores its latest checkpoint.
     */
    private JobSettings settings(FlinkSessionJob job, FlinkDeployment session) {
        return JobSettings.of(SessionJobConfig.effective(job, session), config).withoutKubernetesHa();
    }

    /** A client for the session's JobManager, once the cluster is ready and its REST address known. */
    private Optional<FlinkRestClient> sessionClient(FlinkDeployment session, Context<FlinkSessionJob> context) {
        if (session == null || session.getStatus() == null
                || session.getStatus().jobManagerDeploymentStatus != JobManagerDeploymentStatus.READY) {
            return Optional.empty();
        }
        return RestEndpoint.of(context.getSecondaryResource(Service.class).orElse(null), config.flink().restAccess())
                .map(uri -> flink.forJobManager(uri, config.flink().client().timeout()));
    }

    /** The FlinkDeployment a session job names, if it names one. */
    private static Set<ResourceID> sessionOf(FlinkSessionJob job) {
        if (job.getSpec() == null || job.getSpec().deploymentName == null) {
            return Set.of();
        }
        return Set.of(new ResourceID(job.getSpec().deploymentName, job.getMetadata().getNamespace()));
    }

    private static String indexKey(String namespace, String name) {
        return namespace + "/" + name;
    }
}
