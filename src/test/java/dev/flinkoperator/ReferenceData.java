package dev.flinkoperator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Apache operator's CRDs and examples, read where they live (../shared), never copied into the project. */
public final class ReferenceData {
    private ReferenceData() {
    }

    public static Path root() {
        Path dir = Path.of(System.getProperty("reference.dir", "../shared/reference/apache-flink-operator"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Reference data not found at " + dir.toAbsolutePath()
                    + "; it is expected beside the project as ../shared/reference/apache-flink-operator");
        }
        return dir;
    }

    public static Path crd(String plural) {
        return root().resolve("crds").resolve(plural + ".flink.apache.org-v1.yml");
    }

    public static List<Path> examples() {
        try (Stream<Path> files = Files.list(root().resolve("examples"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
