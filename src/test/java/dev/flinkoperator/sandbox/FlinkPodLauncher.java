package dev.flinkoperator.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a Flink pod into the local process that stands in for its main container: the pod's filesystem laid out,
 * the entrypoint's main class, memory flags computed by Flink's BashJavaUtils as the image's scripts do, and the
 * process's own ports on 127.0.0.1 in place of the pod's (each pod would have its own IP; here all share one).
 */
final class FlinkPodLauncher {
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    // Ports a JobManager / TaskManager listens on: configuration key and Flink's default
    private static final Map<String, Integer> JOBMANAGER_PORTS = ordered("rest.port", 8081,
            "jobmanager.rpc.port", 6123, "blob.server.port", 6124);
    private static final Map<String, Integer> TASKMANAGER_PORTS = ordered("taskmanager.rpc.port", 6122);

    /** Finds where a Service's port is served on this node. */
    interface ServiceResolver {
        /**
         * @return the local port behind {@code host:port} when {@code host} names a Service (null when it names
         *     none); throws NotMountable when it does but nothing serves it yet
         */
        Integer localPort(String namespace, String host, int port) throws PodFilesystem.NotMountable;
    }

    /**
     * @param command the process's command line
     * @param ports container port → local port
     * @param readinessPort the local port that accepts connections once the process is up
     */
    record Launch(List<String> command, Map<String, String> environment, Map<Integer, Integer> ports,
            int readinessPort, Path logFile) {
    }

    private final String java;
    private final Path nodeDir;
    private final Path kubeconfig;
    private final PodFilesystem.Sources sources;
    private final ServiceResolver services;

    /** @param kubeconfig for Flink's own Kubernetes integration (native mode) to reach the sandbox's API */
    FlinkPodLauncher(Path nodeDir, Path kubeconfig, PodFilesystem.Sources sources, ServiceResolver services) {
        this.java = ProcessHandle.current().info().command().orElse("java");
        this.nodeDir = nodeDir;
        this.kubeconfig = kubeconfig;
        this.sources = sources;
        this.services = services;
    }

    Launch prepare(Pod pod, Container container, FlinkEntrypoint entrypoint, Path distribution)
            throws IOException, InterruptedException, PodFilesystem.NotMountable {
        String namespace = pod.getMetadata().getNamespace();
        Path podDir = nodeDir.resolve("pods").resolve(namespace).resolve(pod.getMetadata().getName());
        PodFilesystem fs = PodFilesystem.create(pod, container, podDir.resolve("root"), distribution, nodeDir, sources);
        Map<String, String> env = environment(pod, container, fs);
        Path confDir = Path.of(env.get("FLINK_CONF_DIR"));
        Path confFile = FlinkConfFile.find(confDir);
        if (confFile == null) {
            throw new PodFilesystem.NotMountable("no Flink configuration in " + env.get("FLINK_CONF_DIR"));
        }
        Files.writeString(confFile, fs.rewrite(Files.readString(confFile)));
        List<String> arguments = entrypoint.arguments().stream().map(fs::rewrite).toList();
        Map<String, String> config = FlinkConfFile.read(confDir, arguments);

        Map<Integer, Integer> ports = new LinkedHashMap<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        Map<String, Integer> listening = entrypoint.jobManager() ? JOBMANAGER_PORTS : TASKMANAGER_PORTS;
        listening.forEach((key, fallback) -> {
            int local = freePort();
            ports.put(intOr(config.get(key), fallback), local);
            overrides.put(key, Integer.toString(local));
        });
        if (entrypoint.jobManager()) {
            overrides.putAll(ordered("jobmanager.rpc.address", "127.0.0.1", "jobmanager.bind-host", "127.0.0.1",
                    "rest.address", "127.0.0.1", "rest.bind-address", "127.0.0.1"));
            overrides.put("kubernetes.config.file", kubeconfig.toString());
            usrlib(config.get("pipeline.jars"), fs);
        } else {
            overrides.putAll(ordered("taskmanager.host", "127.0.0.1", "taskmanager.bind-host", "127.0.0.1"));
            jobManagerAddress(namespace, config, overrides);
        }
        overrides.put("io.tmp.dirs", fs.local("/tmp").toString());
        overrides.put("web.tmpdir", fs.local("/tmp").toString());

        FlinkEntrypoint local = new FlinkEntrypoint(entrypoint.mainClass(), arguments, entrypoint.jobManager());
        FlinkProcessCommand command = new FlinkProcessCommand(java, distribution, confDir,
                podDir.resolve(container.getName() + ".log"));
        overrides.forEach(command::override);
        String tmMemory = env.get("FLINK_TM_JVM_MEM_OPTS");
        if (!entrypoint.jobManager() && tmMemory != null && !tmMemory.isBlank()) {
            command.memory(List.of(tmMemory, "")); // computed by the JobManager that created this pod
        } else {
            command.memory(memoryParameters(distribution, confDir, entrypoint.jobManager(), command.dynamicProperties(local)));
        }
        return new Launch(command.build(local), env, ports,
                ports.get(intOr(config.get(listening.keySet().iterator().next()), listening.values().iterator().next())),
                podDir.resolve(container.getName() + ".log"));
    }

    /** TaskManagers reach the JobManager through a Service; here that is the port its pod was given. */
    private void jobManagerAddress(String namespace, Map<String, String> config, Map<String, String> overrides)
            throws PodFilesystem.NotMountable {
        String address = config.get("jobmanager.rpc.address");
        if (address == null) {
            return;
        }
        Integer local = services.localPort(namespace, address, intOr(config.get("jobmanager.rpc.port"), 6123));
        if (local != null) {
            overrides.put("jobmanager.rpc.address", "127.0.0.1");
            overrides.put("jobmanager.rpc.port", local.toString());
        }
    }

    // An application's jar goes in usrlib beside lib, where the standalone application entrypoint looks for it.
    private static void usrlib(String pipelineJars, PodFilesystem fs) throws IOException {
        if (pipelineJars == null) {
            return;
        }
        for (String jar : pipelineJars.split(";")) {
            String path = jar.trim().replaceFirst("^(local|file):(//)?", "");
            Path file = Path.of(path);
            if (path.startsWith("/") && Files.isRegularFile(file)) {
                Path link = fs.local(PodFilesystem.FLINK_HOME + "/usrlib").resolve(file.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, file.toAbsolutePath());
                }
            }
        }
    }

    private Map<String, String> environment(Pod pod, Container container, PodFilesystem fs) {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        // The sandbox's own Kubernetes settings are not the pod's
        env.keySet().removeIf(k -> k.startsWith("KUBERNETES_") || k.equals("KUBECONFIG") || k.startsWith("FLINK_"));
        env.put("FLINK_HOME", fs.local(PodFilesystem.FLINK_HOME).toString());
        env.put("FLINK_LIB_DIR", fs.local(PodFilesystem.FLINK_HOME + "/lib").toString());
        env.put("FLINK_CONF_DIR", fs.local(PodFilesystem.FLINK_HOME + "/conf").toString());
        env.put("HOSTNAME", pod.getMetadata().getName());
        for (EnvVar var : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            String value = var.getValue() != null ? fs.rewrite(var.getValue()) : fieldValue(pod, var);
            if (value != null) {
                env.put(var.getName(), value);
            }
        }
        return env;
    }

    private static String fieldValue(Pod pod, EnvVar var) {
        if (var.getValueFrom() == null || var.getValueFrom().getFieldRef() == null) {
            return null;
        }
        return switch (var.getValueFrom().getFieldRef().getFieldPath()) {
            case "status.podIP", "status.hostIP" -> "127.0.0.1";
            case "spec.nodeName" -> SandboxNode.NAME;
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            default -> null;
        };
    }

    /** What config.sh asks BashJavaUtils for: JVM memory options and the memory settings they came from. */
    private List<String> memoryParameters(Path distribution, Path confDir, boolean jobManager, List<String> properties)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "-cp", distribution.resolve("lib") + "/*",
                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                jobManager ? "GET_JM_RESOURCE_PARAMS" : "GET_TM_RESOURCE_PARAMS", "--configDir", confDir.toString()));
        command.addAll(properties);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        List<String> results = output.lines().filter(l -> l.startsWith(RESULT_PREFIX))
                .map(l -> l.substring(RESULT_PREFIX.length())).toList();
        if (process.exitValue() != 0 || results.size() < 2) {
            throw new IOException("Flink's memory calculation failed: " + output.lines()
                    .filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("exit " + process.exitValue()));
        }
        return results.subList(results.size() - 2, results.size());
    }

    private static int intOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback; // a range such as "6124-6130": the default stands in for the container port
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
