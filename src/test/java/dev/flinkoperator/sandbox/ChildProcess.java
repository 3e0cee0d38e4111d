package dev.flinkoperator.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Commands the sandbox starts, wrapped so that they never outlive it: a small shell watches the sandbox's process and
 * stops the command (SIGTERM, as Kubernetes would) when the sandbox is gone, even after a SIGKILL that ran no
 * shutdown hook. A SIGTERM to the wrapper is passed on to the command.
 */
final class ChildProcess {
    private static final String WATCHDOG = """
            trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit $?' TERM INT
            "$@" & child=$!
            while kill -0 "$child" 2>/dev/null; do
              if ! kill -0 %d 2>/dev/null; then kill -TERM "$child"; wait "$child"; exit $?; fi
              sleep 1 & wait $!
            done
            wait "$child"
            """;

    private ChildProcess() {
    }

    static List<String> watched(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c",
                WATCHDOG.formatted(ProcessHandle.current().pid()), "sandbox-child"));
        wrapped.addAll(command);
        return wrapped;
    }
}
