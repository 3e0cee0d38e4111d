package dev.flinkoperator.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The node's containers as processes, one per pod ("namespace/name"): started under the sandbox's watchdog with the
 * pod's environment and log, stopped as a kubelet stops a container (SIGTERM, then SIGKILL for it and its children
 * after the grace period). An exit is reported once, and only for the process that is current for its pod.
 */
final class NodeProcesses {
    private static final long GRACE_SECONDS = 30;

    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final BiConsumer<String, Integer> onExit;

    /** @param onExit called with the pod and the exit code when a process ends by itself or is killed from outside */
    NodeProcesses(ScheduledExecutorService timer, BiConsumer<String, Integer> onExit) {
        this.timer = timer;
        this.onExit = onExit;
    }

    void start(String pod, FlinkPodLauncher.Launch launch) throws IOException {
        Files.createDirectories(launch.logFile().getParent());
        ProcessBuilder builder = new ProcessBuilder(ChildProcess.watched(launch.command()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()));
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        Process process = builder.start();
        processes.put(pod, process);
        process.onExit().thenRun(() -> {
            if (processes.remove(pod, process)) {
                onExit.accept(pod, process.exitValue());
            }
        });
    }

    /** @return whether the pod had a process */
    boolean stop(String pod) {
        Process process = processes.remove(pod);
        if (process == null) {
            return false;
        }
        process.destroy();
        timer.schedule(() -> kill(process), GRACE_SECONDS, TimeUnit.SECONDS);
        return true;
    }

    List<String> running() {
        return List.copyOf(processes.keySet());
    }

    /** Stops every process and waits for them (15 s in all) before killing what is left. */
    void stopAll() {
        List<Process> all = List.copyOf(processes.values());
        processes.clear();
        all.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (Process process : all) {
            try {
                if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    kill(process);
                }
            } catch (InterruptedException e) {
                kill(process);
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
