package dev.flinkoperator.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Local Flink distributions assembled from Maven Central (there is no flink-dist artifact there): lib/ resolved by
 * Maven from src/test/flink/pom.xml, and the example jobs the official image ships under examples/streaming.
 * Built once under target/flink/&lt;version&gt;, never committed.
 */
final class FlinkDistributions {
    private static final Map<String, String> LOG4J = Map.of(FlinkImages.FLINK_1, "2.17.1", FlinkImages.FLINK_2, "2.25.3");
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
    private static final String STATE_MACHINE_MAIN = "org.apache.flink.streaming.examples.statemachine.StateMachineExample";

    private final Path root;

    FlinkDistributions(Path root) {
        this.root = root;
    }

    boolean isAssembled(String version) throws IOException {
        Path lib = root.resolve(version).resolve("lib");
        return Files.isDirectory(lib) && !isEmpty(lib);
    }

    /** The distribution's directory, assembled first if it is not there yet. */
    Path ensure(String version) throws IOException, InterruptedException {
        Path dist = root.resolve(version);
        if (!isAssembled(version)) {
            assembleLib(version);
        }
        Path examples = Files.createDirectories(dist.resolve("examples/streaming"));
        Path topSpeed = examples.resolve("TopSpeedWindowing.jar");
        if (!Files.exists(topSpeed)) {
            download("flink-examples-streaming-" + version + "-TopSpeedWindowing.jar", version, topSpeed);
        }
        Path stateMachine = examples.resolve("StateMachineExample.jar");
        if (!Files.exists(stateMachine)) {
            Path all = examples.resolve("flink-examples-streaming.jar");
            if (!Files.exists(all)) {
                download("flink-examples-streaming-" + version + ".jar", version, all);
            }
            withMainClass(all, STATE_MACHINE_MAIN, stateMachine);
        }
        return dist;
    }

    private void assembleLib(String version) throws IOException, InterruptedException {
        Process mvn = new ProcessBuilder(ChildProcess.watched(List.of("mvn", "-B", "-q", "-f", "src/test/flink/pom.xml",
                "package", "-Dflink.version=" + version, "-Dlog4j.version=" + LOG4J.get(version),
                "-Ddist.dir=" + root.resolve(version).toAbsolutePath()))).inheritIO().start();
        if (mvn.waitFor() != 0) {
            throw new IOException("could not assemble Flink " + version + " from Maven Central (mvn exit "
                    + mvn.exitValue() + ")");
        }
    }

    private static void download(String file, String version, Path target) throws IOException, InterruptedException {
        URI uri = URI.create(CENTRAL + "org/apache/flink/flink-examples-streaming/" + version + "/" + file);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        HttpResponse<Path> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofFile(partial));
        if (response.statusCode() != 200) {
            Files.deleteIfExists(partial);
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A copy of a jar whose manifest names another main class (how the image's StateMachineExample.jar is made). */
    static void withMainClass(Path jar, String mainClass, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = in.getManifest() == null ? new Manifest() : in.getManifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
            try (OutputStream file = Files.newOutputStream(partial); JarOutputStream out = new JarOutputStream(file, manifest)) {
                JarEntry entry;
                while ((entry = in.getNextJarEntry()) != null) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }
}
