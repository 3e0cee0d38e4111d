package dev.flinkoperator.reconcile;

import dev.flinkoperator.config.OperatorConfig;
import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import dev.flinkoperator.crd.status.JobManagerDeploymentStatus;
import dev.flinkoperator.flink.FlinkRestClients;
import dev.flinkoperator.resources.DesiredResources;
import dev.flinkoperator.resources.FlinkClusterModel;
import dev.flinkoperator.resources.FlinkLabels;
import dev.flinkoperator.validation.FlinkDeploymentValidator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import dev.flinkoperator.bundle.OperatorBundle;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps the Kubernetes objects of each FlinkDeployment in line with its spec: validate, build the desired objects,
 * write what differs, remove what is no longer wanted, and record the outcome in one status write.
 */
@ControllerConfiguration(name = FlinkDeploymentReconciler.NAME)
// What the reconciler writes and watches besides its own resource (the SDK adds the rules for FlinkDeployment).
@RBACRule(apiGroups = "", resources = {"configmaps", "services"},
        verbs = {"get", "list", "watch", "create", "update", "delete"})
@RBACRule(apiGroups = "apps", resources = "deployments", verbs = {"get", "list", "watch", "create", "update", "delete"})
@RBACRule(apiGroups = "networking.k8s.io", resources = "ingresses",
        verbs = {"get", "list", "watch", "create", "update", "delete"})
@RBACRule(apiGroups = "", resources = "events", verbs = "create")
// Pods are read to explain a JobManager that does not start, and deleted with their FlinkDeployment (ClusterPods).
@RBACRule(apiGroups = "", resources = "pods", verbs = {"list", "delete"})
// Operator-wide, here because the SDK reads rules from reconcilers: the lease of leader election (LeaderElectionProducer).
@RBACRule(apiGroups = "coordination.k8s.io", resources = "leases", verbs = {"get", "create", "update", "patch"})
@CSVMetadata(bundleName = OperatorBundle.NAME)
public class FlinkDeploymentReconciler implements Reconciler<FlinkDeployment>, Cleaner<FlinkDeployment> {
    public static final String NAME = "flinkdeployment";
    /** Kinds of the objects the operator owns per FlinkDeployment; each is watched (our label only). */
    static final List<Class<? extends HasMetadata>> OWNED_KINDS =
            List.of(ConfigMap.class, Service.class, Deployment.class, Ingress.class);

    private final ResourceWriter writer;
    private final StatusWriter statusWriter;
    private final EventRecorder events;
    private final ClusterPods pods;
    private final Clock clock;
    private final OperatorConfig config;
    private final FlinkRestClients flink;

    public FlinkDeploymentReconciler(ResourceWriter writer, StatusWriter statusWriter, EventRecorder events,
            ClusterPods pods, Clock clock, OperatorConfig config, FlinkRestClients flink) {
        this.writer = writer;
        this.flink = flink;
        this.pods = pods;
        this.statusWriter = statusWriter;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public List<EventSource<?, FlinkDeployment>> prepareEventSources(EventSourceContext<FlinkDeployment> context) {
        return OWNED_KINDS.stream().<EventSource<?, FlinkDeployment>>map(kind -> new InformerEventSource<>(
                InformerEventSourceConfiguration.from(kind, FlinkDeployment.class)
                        .withName(kind.getSimpleName())
                        .withLabelSelector(FlinkLabels.MANAGED_BY + "=" + FlinkLabels.MANAGED_BY_VALUE)
                        .build(), context)).toList();
    }

    @Override
    public UpdateControl<FlinkDeployment> reconcile(FlinkDeployment deployment, Context<FlinkDeployment> context) {
        DeploymentStatusRecorder.statusOf(deployment);
        String statusBefore = statusWriter.latest(deployment, FlinkDeploymentStatus.class);
        String errorBefore = deployment.getStatus().error;

        boolean settled = true;
        FlinkDeploymentValidator.Result checked = FlinkDeploymentValidator.check(deployment);
        if (!checked.valid()) {
            String message = String.join("; ", checked.errors());
            if (!message.equals(errorBefore)) {
                events.warning(deployment, "InvalidSpec", message);
            }
            Deployment jobManager = owned(context, Deployment.class, deployment.getMetadata().getName());
            DeploymentStatusRecorder.invalid(deployment, message, jobManager, clock);
        } else {
            FlinkClusterModel model = checked.model();
            DesiredResources desired = DesiredResources.of(model);
            Deployment jobManager = apply(deployment, desired, context);
            String podFailure = JobManagerObserver.podsWorthChecking(jobManager, clock)
                    ? PodFailures.firstOf(pods.jobManagerPods(deployment)) : null;
            DeploymentStatusRecorder.deployed(deployment, model, jobManager, podFailure, clock);
            JobObserver.Outcome observed = observe(deployment, model, context);
            settled = observed.settled();
            String error = deployment.getStatus().error;
            if (error != null && !error.equals(errorBefore)) {
                events.warning(deployment, observed.failure() != null ? "JobFailed" : "JobManagerDeploymentFailed", error);
            }
        }
        statusWriter.write(deployment, statusBefore);
        return UpdateControl.<FlinkDeployment>noUpdate().rescheduleAfter(settled
                ? config.reconcile().interval() : config.observer().progressCheckInterval());
    }

    /** Asks a ready JobManager about its job and version. */
    private JobObserver.Outcome observe(FlinkDeployment deployment, FlinkClusterModel model,
            Context<FlinkDeployment> context) {
        if (deployment.getStatus().jobManagerDeploymentStatus != JobManagerDeploymentStatus.READY) {
            return new JobObserver.Outcome(false, null);
        }
        Optional<URI> endpoint = RestEndpoint.of(owned(context, Service.class, model.restServiceName()),
                config.flink().restAccess());
        if (endpoint.isEmpty()) {
            return new JobObserver.Outcome(false, null);
        }
        return JobObserver.observe(deployment.getStatus(), model.isApplication(),
                flink.forJobManager(endpoint.get(), config.flink().client().timeout()));
    }

    @Override
    public DeleteControl cleanup(FlinkDeployment deployment, Context<FlinkDeployment> context) {
        // Owner references let a real cluster's garbage collector do this too; deleting here makes it immediate.
        ownedObjects(context).forEach(writer::delete);
        pods.deleteAll(deployment);
        statusWriter.forget(deployment);
        return DeleteControl.defaultDelete();
    }

    /** Writes what differs, deletes what is no longer wanted; returns the live JobManager Deployment. */
    private Deployment apply(FlinkDeployment deployment, DesiredResources desired, Context<FlinkDeployment> context) {
        List<HasMetadata> wanted = desired.inWriteOrder();
        Deployment jobManager = null;
        for (HasMetadata object : wanted) {
            HasMetadata current = owned(context, object.getClass(), object.getMetadata().getName());
            HasMetadata live = writer.apply(object, current);
            if (live != current) {
                rememberOwnWrite(context, deployment, live, current);
            }
            if (object == desired.jobManager()) {
                jobManager = (Deployment) live;
            }
        }
        Set<String> wantedKeys = wanted.stream().map(FlinkDeploymentReconciler::key).collect(Collectors.toSet());
        ownedObjects(context).filter(live -> !wantedKeys.contains(key(live))).forEach(writer::delete);
        return jobManager;
    }

    /**
     * Shows our write to the informer of its kind at once and keeps its watch event from triggering another reconcile:
     * without it, a reconcile started by the event of one object created a moment ago may not see the next one yet
     * and try to create it again.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void rememberOwnWrite(Context<FlinkDeployment> context, FlinkDeployment deployment,
            HasMetadata written, HasMetadata previous) {
        InformerEventSource source = (InformerEventSource) context.eventSourceRetriever()
                .getEventSourceFor(written.getClass(), written.getClass().getSimpleName());
        ResourceID primary = ResourceID.fromResource(deployment);
        if (previous == null) {
            source.handleRecentResourceCreate(primary, written);
        } else {
            source.handleRecentResourceUpdate(primary, written, previous);
        }
    }

    private static Stream<HasMetadata> ownedObjects(Context<FlinkDeployment> context) {
        return OWNED_KINDS.stream().flatMap(kind -> context.getSecondaryResourcesAsStream(kind).map(HasMetadata.class::cast));
    }

    private static <T extends HasMetadata> T owned(Context<FlinkDeployment> context, Class<T> kind, String name) {
        return context.getSecondaryResourcesAsStream(kind)
                .filter(r -> Objects.equals(r.getMetadata().getName(), name))
                .findFirst().orElse(null);
    }

    private static String key(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }
}
