package dev.flinkoperator.it;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;

/** Every API call the operator made in the API-server tests, for the RBAC check that runs after packaging. */
final class ApiCallLog {
    static final Path FILE = Path.of("target/api-calls.log");

    // Set once per JVM: Quarkus loads test classes anew when a test profile restarts the application.
    private static final String STARTED = "flinkoperator.api-call-log.started";

    static {
        if (System.getProperty(STARTED) == null) {
            System.setProperty(STARTED, "true");
            try {
                Files.deleteIfExists(FILE); // one test run, one log
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private ApiCallLog() {
    }

    static synchronized void append(List<RecordedRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        String lines = requests.stream().map(r -> r.getMethod() + " " + r.getPath()).collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
