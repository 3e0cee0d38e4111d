package dev.flinkoperator.flink;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The multipart/form-data body {@code POST /jars/upload} expects: one part named "jarfile" with content type
 * application/x-java-archive. The jar is streamed from disk, not loaded into memory.
 */
final class JarUploadBody {
    private final String boundary = "flink-operator-" + UUID.randomUUID();
    private final Path jar;

    JarUploadBody(Path jar) {
        this.jar = jar;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    BodyPublisher publisher() {
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + fileName() + "\"\r\n"
                + "Content-Type: application/x-java-archive\r\n"
                + "\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        try {
            return BodyPublishers.concat(
                    BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                    BodyPublishers.ofFile(jar),
                    BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("no jar to upload at " + jar, e);
        }
    }

    /**
     * Flink refuses uploads whose file name does not end in ".jar" ("Only Jar files are allowed."), and a quote
     * would end the header's filename parameter.
     */
    String fileName() {
        String name = jar.getFileName().toString().replace("\"", "_").replace("\r", "_").replace("\n", "_");
        return name.endsWith(".jar") ? name : name + ".jar";
    }
}
