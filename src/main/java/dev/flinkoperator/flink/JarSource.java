package dev.flinkoperator.flink;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Where the operator reads a session job's jar before uploading it to the JobManager: http(s) URLs are downloaded
 * once into a local cache, file paths are read as they are. local:// names a path inside the JobManager's image,
 * which the operator cannot read; that is the spec's error, said plainly.
 */
@ApplicationScoped
public class JarSource {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20)).build();
    private final Path cache;

    public JarSource() {
        this(Path.of(System.getProperty("java.io.tmpdir"), "flink-operator-jars"));
    }

    JarSource(Path cache) {
        this.cache = cache;
    }

    /** @throws IllegalArgumentException for a URI the operator cannot read; IOException when reading it failed */
    public Path fetch(String jarUri) throws IOException, InterruptedException {
        URI uri = URI.create(jarUri.trim());
        String scheme = uri.getScheme() == null ? "file" : uri.getScheme();
        switch (scheme) {
            case "http", "https" -> {
                return download(uri);
            }
            case "file" -> {
                Path path = Path.of(uri.getPath());
                if (!Files.isRegularFile(path)) {
                    throw new IOException("jar " + jarUri + " does not exist where the operator runs");
                }
                return path;
            }
            default -> throw new IllegalArgumentException("jarURI " + jarUri + ": a session job's jar is uploaded by the "
                    + "operator, which reads http(s) and file URIs (" + scheme + ":// is not one it can read)");
        }
    }

    private Path download(URI uri) throws IOException, InterruptedException {
        Files.createDirectories(cache);
        String name = Path.of(uri.getPath()).getFileName().toString();
        Path target = cache.resolve(Integer.toHexString(uri.toString().hashCode()) + "-" + name);
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path partial = cache.resolve(target.getFileName() + ".part");
        HttpResponse<Path> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofFile(partial));
        if (response.statusCode() != 200) {
            Files.deleteIfExists(partial);
            throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
