package dev.flinkoperator.lifecycle;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.spec.FlinkDeploymentSpec;
import dev.flinkoperator.crd.spec.FlinkVersion;
import dev.flinkoperator.crd.spec.JobState;
import dev.flinkoperator.crd.status.FlinkDeploymentStatus;
import dev.flinkoperator.crd.status.FlinkJobState;
import dev.flinkoperator.crd.status.ResourceLifecycleState;
import dev.flinkoperator.crd.status.UpgradeProgress;
import dev.flinkoperator.crd.status.UpgradeProgress.StateSource;
import dev.flinkoperator.crd.status.UpgradeProgress.Step;
import dev.flinkoperator.flink.FlinkRestClient;
import dev.flinkoperator.flink.FlinkRestException;
import dev.flinkoperator.flink.JobDetails;
import dev.flinkoperator.flink.ParallelismBounds;
import dev.flinkoperator.resources.EffectiveFlinkConfig;
import dev.flinkoperator.resources.FlinkConfigFlattener;
import dev.flinkoperator.resources.InvalidSpecException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rescaling a running job without redeploying it: with Flink's adaptive scheduler (Flink 1.18 and later) the job's
 * parallelism is its resource requirements, which {@code PUT /jobs/:id/resource-requirements} changes; Flink then
 * restarts the job's tasks at the new parallelism from its latest checkpoint, in the same JobManager, and (in native
 * mode) asks for the TaskManagers it needs. A spec change that touches only parallelism ({@link SpecChange#SCALE}) goes
 * this way when it can, and is an ordinary upgrade otherwise.
 */
public final class InPlaceScaling {
    /** Flink's per-vertex parallelism option: {@code <vertex id>:<parallelism>,...}. */
    public static final String PARALLELISM_OVERRIDES = EffectiveFlinkConfig.PARALLELISM_OVERRIDES;

    /**
     * How the recorded rescale went: done, wait and ask again, or upgrade instead (Flink refused it, or the JobManager
     * went away meanwhile: then recover what the upgrade mode can).
     */
    enum Outcome { RESCALED, WAIT, UPGRADE_INSTEAD, JOB_MANAGER_LOST }

    private InPlaceScaling() {
    }

    /** Records the rescale towards the deployment's spec; a pass that dies before Flink is asked asks on the next. */
    static void record(FlinkDeployment deployment, Clock clock) {
        FlinkDeploymentStatus status = deployment.getStatus();
        status.reconciliationStatus.lastReconciledSpec = Serialization.asJson(deployment.getSpec());
        status.reconciliationStatus.reconciliationTimestamp = clock.millis();
        status.reconciliationStatus.upgrade = new UpgradeProgress(Step.RESCALE, StateSource.NONE, clock.millis());
        status.lifecycleState = ResourceLifecycleState.UPGRADING;
    }

    /** The recorded rescale: Flink is asked, and the step cleared unless it has to be asked again. */
    static Outcome step(FlinkDeployment deployment, FlinkRestClient flink, boolean jobManagerExists) {
        FlinkDeploymentStatus status = deployment.getStatus();
        if (!jobManagerExists) {
            status.reconciliationStatus.upgrade = null;
            return Outcome.JOB_MANAGER_LOST;
        }
        if (flink == null) {
            return Outcome.WAIT;
        }
        try {
            rescale(flink, status.jobStatus.jobId, deployment.getSpec());
        } catch (FlinkRestException e) {
            if (e.noAnswer()) {
                return Outcome.WAIT;
            }
            // E.g. the job stopped running meanwhile, or its scheduler is not the adaptive one after all.
            status.reconciliationStatus.upgrade = null;
            return Outcome.UPGRADE_INSTEAD;
        }
        status.reconciliationStatus.upgrade = null;
        status.lifecycleState = ResourceLifecycleState.DEPLOYED; // STABLE again once it has run at the new parallelism
        return Outcome.RESCALED;
    }

    /** Whether the cluster runs its job under the adaptive scheduler, and the job runs, with no step under way. */
    static boolean possible(FlinkDeploymentSpec spec, FlinkDeploymentStatus status) {
        SortedMap<String, String> config = FlinkConfigFlattener.flatten(spec.flinkConfiguration);
        boolean adaptive = "adaptive".equalsIgnoreCase(config.getOrDefault("jobmanager.scheduler", "").trim());
        boolean recentFlink = FlinkVersion.parse(spec.flinkVersion).map(v -> v.isAtLeast(FlinkVersion.v1_18))
                .orElse(false);
        return adaptive && recentFlink
                && spec.job.state != JobState.SUSPENDED
                && status.jobStatus != null && status.jobStatus.state == FlinkJobState.RUNNING
                && status.reconciliationStatus.upgrade == null
                && !Rollbacks.active(status.reconciliationStatus);
    }

    /** Asks Flink to run {@code jobId} at the spec's parallelism. */
    private static void rescale(FlinkRestClient flink, String jobId, FlinkDeploymentSpec spec) {
        flink.updateResourceRequirements(jobId, requirements(flink.job(jobId), flink.resourceRequirements(jobId),
                spec.job.parallelism, overrides(FlinkConfigFlattener.flatten(spec.flinkConfiguration))));
    }

    /**
     * Each vertex's new bounds: the upper bound is its override, else the job's parallelism, else what it was, never
     * above the vertex's max parallelism (a non-parallel source stays at 1); the lower bound stays unless above it.
     */
    static Map<String, ParallelismBounds> requirements(JobDetails job, Map<String, ParallelismBounds> current,
            Integer parallelism, Map<String, Integer> overrides) {
        Map<String, ParallelismBounds> wanted = new LinkedHashMap<>();
        for (JobDetails.Vertex vertex : job.vertices()) {
            ParallelismBounds now = current.getOrDefault(vertex.id(), new ParallelismBounds(1, vertex.parallelism()));
            Integer target = overrides.getOrDefault(vertex.id(), parallelism);
            int upper = target == null ? now.upperBound() : target;
            if (vertex.maxParallelism() > 0) {
                upper = Math.min(upper, vertex.maxParallelism());
            }
            wanted.put(vertex.id(), new ParallelismBounds(Math.min(now.lowerBound(), upper), upper));
        }
        return wanted;
    }

    /** The overrides in {@code pipeline.jobvertex-parallelism-overrides}, by vertex id. */
    public static Map<String, Integer> overrides(Map<String, String> flinkConfig) {
        Map<String, Integer> overrides = new TreeMap<>();
        String text = flinkConfig.get(PARALLELISM_OVERRIDES);
        if (text == null || text.isBlank()) {
            return overrides;
        }
        for (String entry : text.split(",")) {
            String[] pair = entry.trim().split(":");
            try {
                int value = Integer.parseInt(pair.length == 2 ? pair[1].trim() : "");
                if (value > 0 && !pair[0].isBlank()) {
                    overrides.put(pair[0].trim(), value);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidSpecException("flinkConfiguration " + PARALLELISM_OVERRIDES + " must be a list of "
                    + "<vertex id>:<parallelism> separated by commas, got '" + entry.trim() + "'");
        }
        return overrides;
    }
}
