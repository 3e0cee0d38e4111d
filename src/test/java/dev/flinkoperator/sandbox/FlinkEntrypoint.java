package dev.flinkoperator.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the official Flink image's entrypoint would start for a container's command and arguments: the main class
 * and its arguments, and whether it is a JobManager or a TaskManager (which decides how its JVM memory is sized).
 *
 * @param mainClass Java main class
 * @param arguments arguments after the main class, before the sandbox's own (--configDir, ports)
 * @param jobManager a JobManager (else a TaskManager)
 */
record FlinkEntrypoint(String mainClass, List<String> arguments, boolean jobManager) {
    private static final Pattern DYNAMIC_PROPERTY = Pattern.compile("-D\\s*([^=\\s]+)=('([^']*)'|\"([^\"]*)\"|(\\S*))");

    /**
     * Whether the main class takes "--configDir". Flink's native Kubernetes JobManager entrypoints read FLINK_CONF_DIR
     * instead, and their parser stops at an option it does not know, ignoring every "-D" after it.
     */
    boolean takesConfigDirArgument() {
        return !mainClass.startsWith("org.apache.flink.kubernetes.entrypoint.");
    }

    /** @return the entrypoint, or null when the container does not run Flink as the image's entrypoint would */
    static FlinkEntrypoint of(List<String> command, List<String> args) {
        List<String> words = new ArrayList<>();
        if (command != null) {
            command.stream().filter(c -> !c.endsWith("docker-entrypoint.sh")).forEach(words::add);
        }
        if (args != null) {
            words.addAll(args);
        }
        // "bash -c '<script> <args>'": the script line is what matters
        if (words.size() >= 3 && words.get(0).endsWith("bash") && words.get(1).equals("-c")) {
            return ofScript(words.get(2));
        }
        if (words.isEmpty()) {
            return null;
        }
        List<String> rest = words.subList(1, words.size());
        return switch (words.get(0)) {
            case "jobmanager" -> new FlinkEntrypoint(
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", List.copyOf(rest), true);
            case "standalone-job" -> new FlinkEntrypoint(
                    "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint", List.copyOf(rest), true);
            case "taskmanager" -> new FlinkEntrypoint(
                    "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", List.copyOf(rest), false);
            default -> words.get(0).startsWith("kubernetes-") ? ofScript(String.join(" ", words)) : null;
        };
    }

    private static FlinkEntrypoint ofScript(String script) {
        String line = script.trim();
        if (line.startsWith("kubernetes-jobmanager.sh")) {
            boolean application = line.contains("kubernetes-application");
            return new FlinkEntrypoint(application
                    ? "org.apache.flink.kubernetes.entrypoint.KubernetesApplicationClusterEntrypoint"
                    : "org.apache.flink.kubernetes.entrypoint.KubernetesSessionClusterEntrypoint",
                    dynamicProperties(line), true);
        }
        if (line.startsWith("kubernetes-taskmanager.sh")) {
            return new FlinkEntrypoint("org.apache.flink.kubernetes.taskmanager.KubernetesTaskExecutorRunner",
                    dynamicProperties(line), false);
        }
        return null;
    }

    /** The "-Dkey=value" options of a script line (values may be quoted), as "-D", "key=value" pairs. */
    static List<String> dynamicProperties(String line) {
        List<String> result = new ArrayList<>();
        Matcher m = DYNAMIC_PROPERTY.matcher(line);
        while (m.find()) {
            String value = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : m.group(5);
            result.add("-D");
            result.add(m.group(1) + "=" + value);
        }
        return result;
    }
}
