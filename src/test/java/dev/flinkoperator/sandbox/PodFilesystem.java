package dev.flinkoperator.sandbox;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a container would see of its filesystem, laid out under a local directory (the pod's root): the image's
 * /opt/flink (lib and examples of the local distribution), and each volume mount (ConfigMap and Secret files written
 * out, emptyDir a fresh directory, hostPath and persistentVolumeClaim directories shared on this node, so that they
 * outlive the pod as they would in a cluster). Paths in the container's view are rewritten to local ones.
 */
final class PodFilesystem {
    static final String FLINK_HOME = "/opt/flink";

    /** Where the objects a volume needs come from; null when they do not exist (yet). */
    interface Sources {
        ConfigMap configMap(String namespace, String name);

        Secret secret(String namespace, String name);
    }

    /** A volume cannot be mounted yet (its ConfigMap is missing, ...); a kubelet keeps the pod ContainerCreating. */
    static final class NotMountable extends Exception {
        NotMountable(String message) {
            super(message);
        }
    }

    private final Path root;
    private final Pattern containerPaths;

    private PodFilesystem(Path root, List<String> mountPaths) {
        this.root = root;
        List<String> prefixes = new ArrayList<>(mountPaths);
        prefixes.add(FLINK_HOME);
        prefixes.sort(Comparator.comparing(String::length).reversed());
        // A container path starts after a non-path character ("file://" ends with '/', which is allowed before it)
        // and ends at a path boundary.
        this.containerPaths = Pattern.compile("(?<![\\w.-])(" + String.join("|",
                prefixes.stream().map(p -> Pattern.quote(trimSlash(p))).toList()) + ")(?=/|$|[\\s'\",;:])");
    }

    /**
     * Lays out the pod's root for {@code container}.
     *
     * @param nodeDir the node's shared directories: host/ for hostPath volumes, volumes/ for claims
     */
    static PodFilesystem create(Pod pod, Container container, Path podRoot, Path distribution, Path nodeDir,
            Sources sources) throws IOException, NotMountable {
        List<VolumeMount> mounts = container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
        PodFilesystem fs = new PodFilesystem(podRoot, mounts.stream().map(VolumeMount::getMountPath).toList());
        Path home = fs.local(FLINK_HOME);
        Files.createDirectories(home.resolve("usrlib"));
        Files.createDirectories(fs.local("/tmp"));
        link(home.resolve("lib"), distribution.resolve("lib"));
        link(home.resolve("examples"), distribution.resolve("examples"));
        String namespace = pod.getMetadata().getNamespace();
        List<Volume> volumes = pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
        for (VolumeMount mount : mounts) {
            Volume volume = volumes.stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow(() -> new NotMountable("no volume named " + mount.getName()));
            fs.mount(namespace, volume, mount, nodeDir, sources);
        }
        return fs;
    }

    private void mount(String namespace, Volume volume, VolumeMount mount, Path nodeDir, Sources sources)
            throws IOException, NotMountable {
        Path target = local(mount.getMountPath());
        if (volume.getConfigMap() != null) {
            ConfigMap configMap = sources.configMap(namespace, volume.getConfigMap().getName());
            if (configMap == null) {
                throw new NotMountable("configmap \"" + volume.getConfigMap().getName() + "\" not found");
            }
            writeFiles(target, mount, configMap.getData(), volume.getConfigMap().getItems());
        } else if (volume.getSecret() != null) {
            Secret secret = sources.secret(namespace, volume.getSecret().getSecretName());
            if (secret == null) {
                throw new NotMountable("secret \"" + volume.getSecret().getSecretName() + "\" not found");
            }
            Map<String, String> data = new java.util.TreeMap<>();
            if (secret.getData() != null) {
                secret.getData().forEach((k, v) -> data.put(k,
                        new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
            if (secret.getStringData() != null) {
                data.putAll(secret.getStringData());
            }
            writeFiles(target, mount, data, volume.getSecret().getItems());
        } else if (volume.getHostPath() != null) {
            link(target, nodeDir.resolve("host").resolve(trimSlash(volume.getHostPath().getPath()).substring(1)));
        } else if (volume.getPersistentVolumeClaim() != null) {
            link(target, nodeDir.resolve("volumes").resolve(namespace)
                    .resolve(volume.getPersistentVolumeClaim().getClaimName()));
        } else {
            Files.createDirectories(target); // emptyDir, and whatever else: an empty directory of the pod's own
        }
    }

    private static void writeFiles(Path target, VolumeMount mount, Map<String, String> data, List<KeyToPath> items)
            throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        Map<String, String> content = data == null ? Map.of() : data;
        if (items == null || items.isEmpty()) {
            files.putAll(content);
        } else {
            for (KeyToPath item : items) {
                if (content.containsKey(item.getKey())) {
                    files.put(item.getPath(), content.get(item.getKey()));
                }
            }
        }
        if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
            Files.createDirectories(target.getParent());
            Files.writeString(target, files.getOrDefault(mount.getSubPath(), ""));
            return;
        }
        Files.createDirectories(target);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = target.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
    }

    private static void link(Path link, Path target) throws IOException {
        Files.createDirectories(target);
        Files.createDirectories(link.getParent());
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, target.toAbsolutePath());
        }
    }

    /** The local path of a path in the container's view. */
    Path local(String containerPath) {
        return root.resolve(trimSlash(containerPath).substring(1));
    }

    /** {@code text} with every container path under /opt/flink or a mount replaced by its local path. */
    String rewrite(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = containerPaths.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(local(m.group(1)).toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    Path root() {
        return root;
    }

    private static String trimSlash(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
