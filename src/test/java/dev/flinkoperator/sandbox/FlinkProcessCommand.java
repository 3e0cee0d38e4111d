package dev.flinkoperator.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of a Flink process, as the official image's scripts would assemble it (config.sh, flink-console.sh):
 * the JVM options Flink needs on Java 17, the memory flags Flink computed for this process, log4j writing to the
 * pod's log, the distribution's lib on the class path, then the entrypoint with the configuration
 * directory and the dynamic properties that override the mounted configuration (the process's own ports and address).
 */
final class FlinkProcessCommand {
    /** Flink's default env.java.default-opts.all: the module openings it needs on Java 17. */
    static final List<String> JAVA_17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final String java;
    private final Path distribution;
    private final Path confDir;
    private final Path logFile;
    private List<String> memoryJvmOptions = List.of();
    private List<String> memoryProperties = List.of();
    private final Map<String, String> overrides = new LinkedHashMap<>();

    FlinkProcessCommand(String java, Path distribution, Path confDir, Path logFile) {
        this.java = java;
        this.distribution = distribution;
        this.confDir = confDir;
        this.logFile = logFile;
    }

    /**
     * @param output the two result lines of BashJavaUtils GET_JM_RESOURCE_PARAMS / GET_TM_RESOURCE_PARAMS, without
     *     their BASH_JAVA_UTILS_EXEC_RESULT: prefix: JVM options, then "-D key=value" properties
     */
    FlinkProcessCommand memory(List<String> output) {
        if (output.size() < 2) {
            throw new IllegalArgumentException("expected JVM options and dynamic properties, got " + output);
        }
        memoryJvmOptions = List.of(output.get(0).trim().split("\\s+"));
        memoryProperties = output.get(1).isBlank() ? List.of()
                : List.of(output.get(1).trim().replace("-D ", "-D\u0000").split("\\s+")).stream()
                        .flatMap(token -> List.of(token.split("\u0000")).stream()).toList();
        return this;
    }

    /** A configuration value the process must use whatever the mounted configuration says. */
    FlinkProcessCommand override(String key, Object value) {
        overrides.put(key, String.valueOf(value));
        return this;
    }

    List<String> build(FlinkEntrypoint entrypoint) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JAVA_17_OPENS);
        command.addAll(memoryJvmOptions);
        command.add("-Dlog.file=" + logFile);
        Path log4j = confDir.resolve("log4j-console.properties");
        if (Files.exists(log4j)) {
            command.add("-Dlog4j.configurationFile=" + log4j.toUri());
        }
        command.addAll(List.of("-cp", distribution.resolve("lib") + "/*", entrypoint.mainClass()));
        if (entrypoint.takesConfigDirArgument()) {
            command.addAll(List.of("--configDir", confDir.toString()));
        }
        command.addAll(entrypoint.arguments());
        command.addAll(memoryProperties);
        overrides.forEach((key, value) -> command.addAll(List.of("-D", key + "=" + value)));
        return command;
    }

    /** The entrypoint's "-D key=value" pairs, then the overrides: what Flink's memory calculation must see too. */
    List<String> dynamicProperties(FlinkEntrypoint entrypoint) {
        List<String> properties = new ArrayList<>();
        List<String> args = entrypoint.arguments();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-D")) {
                properties.addAll(List.of("-D", args.get(++i)));
            }
        }
        overrides.forEach((key, value) -> properties.addAll(List.of("-D", key + "=" + value)));
        return properties;
    }
}
