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
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks each FlinkSessionJob against the session cluster it names and reports problems; a session job is
 * re-checked whenever its FlinkDeployment appears, changes or goes away.
 */
@ControllerConfiguration(name = FlinkSessionJobReconciler.NAME)
@RBACRule(apiGroups = FlinkDeployment.GROUP, resources = "flinkdeployments", verbs = {"get", "list", "watch"})
@RBACRule(apiGroups = "", resources = "events", verbs = "create")
@CSVMetadata(bundleName = OperatorBundle.NAME)
public class FlinkSessionJobReconciler implements Reconciler<FlinkSessionJob> {
    public static final String NAME = "flinksessionjob";
    private static final String BY_DEPLOYMENT = "byDeployment";

    private final EventRecorder events;
    private final StatusWriter statusWriter;
    private final OperatorConfig config;

    public FlinkSessionJobReconciler(EventRecorder events, StatusWriter statusWriter, OperatorConfig config) {
        this.events = events;
        this.statusWriter = statusWriter;
        this.config = config;
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
        return List.of(new InformerEventSource<>(sessions, context));
    }

    @Override
    public UpdateControl<FlinkSessionJob> reconcile(FlinkSessionJob job, Context<FlinkSessionJob> context) {
        if (job.getStatus() == null) {
            job.setStatus(new FlinkSessionJobStatus());
        }
        String before = statusWriter.latest(job, FlinkSessionJobStatus.class);
        FlinkSessionJobStatus status = job.getStatus();
        FlinkDeployment session = context.getSecondaryResource(FlinkDeployment.class).orElse(null);

        List<String> problems = FlinkSessionJobValidator.validate(job, session);
        String error = problems.isEmpty() ? null : String.join("; ", problems);
        if (error != null && !error.equals(status.error)) {
            events.warning(job, "InvalidSpec", error);
        }
        status.error = error;
        status.observedGeneration = job.getMetadata().getGeneration();
        if (status.lifecycleState == null) {
            status.lifecycleState = ResourceLifecycleState.CREATED;
        }
        statusWriter.write(job, before);
        return UpdateControl.<FlinkSessionJob>noUpdate().rescheduleAfter(config.reconcile().interval());
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
