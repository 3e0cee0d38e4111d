package dev.flinkoperator.sandbox;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the node knows of one pod's main container, and the pod status a kubelet reports for it: waiting
 * (ContainerCreating, CrashLoopBackOff, ...), running (ready once its port accepts connections), or terminated.
 * A container that exits is restarted per the pod's restartPolicy, after a back-off that doubles from 10 s to 5 min
 * as a kubelet's does.
 */
final class PodRun {
    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(10);
    static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);

    enum State { WAITING, RUNNING, TERMINATED }

    final String namespace;
    final String name;
    final String container;
    final String image;
    final String restartPolicy;
    private final Instant scheduled;
    State state = State.WAITING;
    String reason = "ContainerCreating";
    String message;
    boolean ready;
    int restarts;
    Instant startedAt;
    Integer exitCode;
    Instant finishedAt;
    private ContainerState lastState;
    /** Container port → local port, while the process runs. */
    Map<Integer, Integer> ports = Map.of();

    PodRun(String namespace, String name, String container, String image, String restartPolicy, Instant scheduled) {
        this.namespace = namespace;
        this.name = name;
        this.container = container;
        this.image = image;
        this.restartPolicy = restartPolicy == null ? "Always" : restartPolicy;
        this.scheduled = scheduled;
    }

    String key() {
        return namespace + "/" + name;
    }

    void waiting(String why, String detail) {
        state = State.WAITING;
        reason = why;
        message = detail;
        ready = false;
    }

    void started(Instant at, Map<Integer, Integer> localPorts) {
        state = State.RUNNING;
        startedAt = at;
        ports = Map.copyOf(localPorts);
        ready = false;
        reason = null;
        message = null;
    }

    /** @return whether the container is restarted (after {@link #backOff()}) */
    boolean exited(int code, Instant at) {
        state = State.TERMINATED;
        exitCode = code;
        finishedAt = at;
        ready = false;
        reason = code == 0 ? "Completed" : "Error";
        boolean restart = restartPolicy.equals("Always") || (restartPolicy.equals("OnFailure") && code != 0);
        if (restart) {
            lastState = terminatedState();
            restarts++;
            waiting("CrashLoopBackOff", "back-off " + backOff().toSeconds() + "s restarting failed container="
                    + container + " pod=" + name);
        }
        return restart;
    }

    Duration backOff() {
        Duration delay = FIRST_BACK_OFF.multipliedBy(1L << Math.min(restarts - 1, 5));
        return delay.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : delay;
    }

    PodStatus status() {
        String phase = switch (state) {
            case WAITING -> restarts > 0 ? "Running" : "Pending";
            case RUNNING -> "Running";
            case TERMINATED -> exitCode == 0 ? "Succeeded" : "Failed";
        };
        ContainerStatus containerStatus = new ContainerStatusBuilder()
                .withName(container).withImage(image).withImageID("sandbox://" + image)
                .withReady(ready).withStarted(state == State.RUNNING).withRestartCount(restarts)
                .withState(currentState()).withLastState(lastState)
                .build();
        String time = startedAt == null ? null : startedAt.toString();
        return new PodStatusBuilder()
                .withPhase(phase)
                .withHostIP("127.0.0.1").withPodIP("127.0.0.1").withPodIPs(new PodIPBuilder().withIp("127.0.0.1").build())
                .withStartTime(scheduled.toString())
                .withConditions(List.of(condition("PodScheduled", true, scheduled.toString()),
                        condition("Initialized", true, scheduled.toString()),
                        condition("ContainersReady", ready, time), condition("Ready", ready, time)))
                .withContainerStatuses(containerStatus)
                .build();
    }

    private ContainerState currentState() {
        return switch (state) {
            case WAITING -> new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message)
                    .endWaiting().build();
            case RUNNING -> new ContainerStateBuilder().withNewRunning().withStartedAt(startedAt.toString())
                    .endRunning().build();
            case TERMINATED -> terminatedState();
        };
    }

    private ContainerState terminatedState() {
        return new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode).withReason(reason)
                .withStartedAt(startedAt == null ? null : startedAt.toString())
                .withFinishedAt(finishedAt.toString()).endTerminated().build();
    }

    private static PodCondition condition(String type, boolean status, String since) {
        return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withLastTransitionTime(since).build();
    }
}
