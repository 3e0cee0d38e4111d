package dev.flinkoperator.resources;

import dev.flinkoperator.crd.spec.JobSpec;
import dev.flinkoperator.crd.spec.UpgradeMode;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Flink configuration a cluster runs with: the user's flinkConfiguration, plus the keys the operator derives
 * from the rest of the spec wherever the user did not set them.
 */
public final class EffectiveFlinkConfig {
    public static final int REST_PORT = 8081;
    public static final int JOBMANAGER_RPC_PORT = 6123;
    public static final int BLOB_PORT = 6124;
    public static final int TASKMANAGER_RPC_PORT = 6122;
    public static final String CONF_DIR = "/opt/flink/conf";
    public static final String POD_TEMPLATE_DIR = "/opt/flink/pod-template";
    public static final String TASKMANAGER_POD_TEMPLATE_FILE = "taskmanager-pod-template.yaml";
    public static final String PARALLELISM_OVERRIDES = "pipeline.jobvertex-parallelism-overrides";
    /** The keys that set only a job's parallelism. */
    public static final Set<String> PARALLELISM_KEYS = Set.of("parallelism.default", PARALLELISM_OVERRIDES);

    private EffectiveFlinkConfig() {
    }

    public static SortedMap<String, String> of(FlinkClusterModel model) {
        return of(model, null);
    }

    /** @param launch the job's recorded id and restore path (application clusters), or null */
    public static SortedMap<String, String> of(FlinkClusterModel model, JobLaunch launch) {
        SortedMap<String, String> config = new TreeMap<>(model.userConfig());
        config.putIfAbsent("kubernetes.cluster-id", model.clusterId());
        config.putIfAbsent("kubernetes.namespace", model.namespace());
        putIfSet(config, "kubernetes.container.image.ref", model.image());
        putIfSet(config, "kubernetes.container.image.pull-policy", model.imagePullPolicy());
        putIfSet(config, "kubernetes.service-account", model.serviceAccount());
        config.putIfAbsent("kubernetes.jobmanager.replicas", Integer.toString(model.jobManagerReplicas()));
        // The headless internal service; with high availability Flink advertises the pod IP instead.
        config.putIfAbsent("jobmanager.rpc.address", model.name() + "." + model.namespace());
        config.putIfAbsent("jobmanager.rpc.port", Integer.toString(JOBMANAGER_RPC_PORT));
        config.putIfAbsent("blob.server.port", Integer.toString(BLOB_PORT));
        config.putIfAbsent("rest.port", Integer.toString(REST_PORT));
        // Flink's native integration rejects a random (0) TaskManager RPC port when it builds pods.
        config.putIfAbsent("taskmanager.rpc.port", Integer.toString(TASKMANAGER_RPC_PORT));
        config.put("jobmanager.memory.process.size", model.jobManager().memory().toFlinkString());
        config.put("taskmanager.memory.process.size", model.taskManager().memory().toFlinkString());
        config.putIfAbsent("kubernetes.jobmanager.cpu.amount", model.jobManager().cpuString());
        config.putIfAbsent("kubernetes.taskmanager.cpu.amount", model.taskManager().cpuString());
        config.putIfAbsent("taskmanager.numberOfTaskSlots", Integer.toString(model.slots()));
        if (model.isNative()) {
            config.putIfAbsent("execution.target", model.isApplication() ? "kubernetes-application" : "kubernetes-session");
            config.putIfAbsent("kubernetes.pod-template-file.taskmanager",
                    POD_TEMPLATE_DIR + "/" + TASKMANAGER_POD_TEMPLATE_FILE);
        }
        if (model.isApplication()) {
            addJob(config, model.job(), model.parallelism());
            if (launch != null) {
                addLaunch(config, launch, model.version().usesStandardYaml());
            }
        }
        return config;
    }

    private static void addJob(SortedMap<String, String> config, JobSpec job, Integer parallelism) {
        putIfSet(config, "pipeline.jars", job.jarURI);
        if (parallelism != null) {
            config.put("parallelism.default", parallelism.toString());
        }
        putIfSet(config, "$internal.application.main", job.entryClass);
        if (job.args != null && !job.args.isEmpty()) {
            config.put("$internal.application.program-args", String.join(";", job.args));
        }
        // The cluster outlives its job: the operator reads a finished, cancelled or failed job's outcome (the savepoint
        // of a stop, the latest checkpoint, the root exception) and removes the cluster itself.
        config.putIfAbsent("execution.shutdown-on-application-finish", "false");
        // A main() that throws shows as a failed job instead of a JobManager that exits.
        config.putIfAbsent("execution.submit-failed-job-on-application-error", "true");
        // The operator owns the job's lifecycle; a cancel from the web UI would fight it.
        config.putIfAbsent("web.cancel.enable", "false");
        // A last-state upgrade without high availability (and a savepoint upgrade falling back to it) cancels the job
        // and restores its latest checkpoint, which must outlive the cancel.
        if (job.upgradeMode != null && job.upgradeMode != UpgradeMode.STATELESS) {
            config.putIfAbsent("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        }
    }

    private static void addLaunch(SortedMap<String, String> config, JobLaunch launch, boolean flink2) {
        config.put("$internal.pipeline.job-id", launch.jobId());
        if (launch.restorePath() != null) {
            // Flink 2 reads only the newer keys; 1.x only the older ones.
            config.put(flink2 ? "execution.state-recovery.path" : "execution.savepoint.path", launch.restorePath());
            if (launch.allowNonRestoredState()) {
                config.put(flink2 ? "execution.state-recovery.ignore-unclaimed-state"
                        : "execution.savepoint.ignore-unclaimed-state", "true");
            }
        }
    }

    private static void putIfSet(SortedMap<String, String> config, String key, String value) {
        if (value != null && !value.isBlank()) {
            config.putIfAbsent(key, value);
        }
    }
}
