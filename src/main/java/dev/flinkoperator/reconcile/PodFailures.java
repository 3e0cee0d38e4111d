package dev.flinkoperator.reconcile;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Why a pod cannot run, read from its container statuses as {@code kubectl get pods} shows it. A Deployment only says
 * "not available"; the pod says "ImagePullBackOff" or "CrashLoopBackOff, exit code 1", which is what a user can act on.
 */
public final class PodFailures {
    /** Waiting reasons that do not go away by waiting: the pod needs a different spec or image. */
    static final Set<String> STUCK = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CrashLoopBackOff",
            "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    private PodFailures() {
    }

    /** The first stuck container among the pods, described for status.error; null when none is stuck. */
    public static String firstOf(List<Pod> pods) {
        return pods.stream()
                .flatMap(PodFailures::describe)
                .findFirst().orElse(null);
    }

    private static Stream<String> describe(Pod pod) {
        if (pod.getStatus() == null) {
            return Stream.empty();
        }
        List<ContainerStatus> statuses = Stream.concat(
                nullSafe(pod.getStatus().getInitContainerStatuses()).stream(),
                nullSafe(pod.getStatus().getContainerStatuses()).stream()).toList();
        return statuses.stream()
                .filter(s -> s.getState() != null && s.getState().getWaiting() != null
                        && STUCK.contains(s.getState().getWaiting().getReason()))
                .map(s -> "Pod " + pod.getMetadata().getName() + ", container " + s.getName() + ": "
                        + waiting(s.getState().getWaiting()) + lastExit(s));
    }

    private static String waiting(ContainerStateWaiting waiting) {
        String message = waiting.getMessage();
        return waiting.getReason() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    private static String lastExit(ContainerStatus status) {
        ContainerStateTerminated last = status.getLastState() == null ? null : status.getLastState().getTerminated();
        if (last == null) {
            return "";
        }
        return "; last exit code " + last.getExitCode() + (last.getReason() == null ? "" : " (" + last.getReason() + ")")
                + (status.getRestartCount() == null ? "" : ", restarted " + status.getRestartCount() + " times");
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
