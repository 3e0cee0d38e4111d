package dev.flinkoperator.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The sandbox's node: a kubelet whose containers are local Flink processes. Each pod of a Flink image becomes the
 * process its entrypoint would start (see {@link FlinkPodLauncher}); its status (phase, readiness, container state,
 * restarts) flows back to the API; a process that exits is restarted with back-off per the pod's restartPolicy; a
 * deleted pod's process is stopped. Services show the local address of the pods they select as their load balancer.
 * One worker thread driven by watches, and one timer thread for readiness checks and restarts, whatever the number
 * of pods.
 */
final class SandboxNode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SandboxNode.class);
    /** The node's name, where pods ask for spec.nodeName. */
    static final String NAME = "sandbox";
    private static final String POD = "pod:";
    private static final String SERVICE = "svc:";

    private final KubernetesClient client;
    private final FlinkDistributions distributions;
    private final FlinkPodLauncher launcher;
    private final ServiceAddresses addresses;
    private final NodeEvents events;
    private final Clock clock = Clock.systemUTC();
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<Service> services;
    private final Map<String, PodRun> runs = new ConcurrentHashMap<>();
    private final Map<String, Integer> readinessPorts = new ConcurrentHashMap<>();
    private final Map<String, Instant> retryAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> exited = new ConcurrentHashMap<>();
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final java.util.Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sandbox-node-timer"));
    private final Thread worker;
    private final boolean runFlink;
    private final NodeProcesses processes = new NodeProcesses(timer, (pod, code) -> {
        exited.put(pod, code);
        enqueue(POD + pod);
    });

    /**
     * @param nodeDir where pods' files and logs go (pods/&lt;namespace&gt;/&lt;pod&gt;), and hostPath volumes (host/)
     * @param distributions where Flink distributions are (assembled); null to run no Flink processes at all
     * @param kubeconfig what Flink's native Kubernetes integration uses to reach the API
     */
    SandboxNode(KubernetesClient client, FlinkDistributions distributions, Path nodeDir, Path kubeconfig) {
        this.client = client;
        this.distributions = distributions;
        this.runFlink = distributions != null;
        this.events = new NodeEvents(client, clock);
        this.pods = client.pods().inAnyNamespace().inform(Watches.onAnyChange(p -> enqueue(POD + key(p))));
        this.services = client.services().inAnyNamespace().inform(Watches.onAnyChange(s -> enqueue(SERVICE + key(s))));
        this.addresses = new ServiceAddresses((ns, name) -> services.getStore().getByKey(ns + "/" + name),
                () -> pods.getStore().list(), runs::get);
        this.launcher = new FlinkPodLauncher(nodeDir.toAbsolutePath(), kubeconfig, new PodFilesystem.Sources() {
            @Override
            public io.fabric8.kubernetes.api.model.ConfigMap configMap(String namespace, String name) {
                return client.configMaps().inNamespace(namespace).withName(name).get();
            }

            @Override
            public io.fabric8.kubernetes.api.model.Secret secret(String namespace, String name) {
                return client.secrets().inNamespace(namespace).withName(name).get();
            }
        }, addresses);
        this.worker = daemon(this::work, "sandbox-node");
        worker.start();
        timer.scheduleWithFixedDelay(this::tick, 500, 500, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void enqueue(String key) {
        if (queued.add(key)) {
            queue.add(key);
        }
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            String key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            queued.remove(key);
            try {
                if (key.startsWith(POD)) {
                    syncPod(key.substring(POD.length()));
                } else {
                    syncService(key.substring(SERVICE.length()));
                }
            } catch (KubernetesClientException e) {
                LOG.debugf("node sync of %s conflicted, retried: %s", key, e.getMessage());
                retryAt.put(key.substring(key.indexOf(':') + 1), clock.instant().plusSeconds(1));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | IOException e) {
                LOG.warnf(e, "node sync of %s failed", key);
            }
        }
    }

    private void syncPod(String key) throws IOException, InterruptedException {
        Pod pod = pods.getStore().getByKey(key);
        if (pod == null || pod.getMetadata().getDeletionTimestamp() != null) {
            stop(key);
            return;
        }
        PodRun run = runs.get(key);
        Container main = mainContainer(pod);
        if (run == null) {
            Container shown = main != null ? main : pod.getSpec().getContainers().get(0);
            run = new PodRun(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), shown.getName(),
                    shown.getImage(), pod.getSpec().getRestartPolicy(), clock.instant());
            runs.put(key, run);
            if (main == null) {
                run.waiting("SandboxUnsupportedImage", "the sandbox runs Flink images (flink:1.x, flink:2.x) only");
                events.warning(pod, "Failed", "Image " + shown.getImage() + " cannot run in the sandbox: "
                        + run.message);
            } else if (!runFlink) {
                run.waiting("SandboxFlinkOff", "this sandbox runs no Flink processes (SANDBOX_FLINK=off)");
            }
        }
        if (main != null && runFlink && run.state == PodRun.State.WAITING && due(key)) {
            launch(pod, main, run);
        }
        writeStatus(pod, run);
    }

    private boolean due(String key) {
        Instant at = retryAt.get(key);
        return at == null || !at.isAfter(clock.instant());
    }

    private void launch(Pod pod, Container main, PodRun run) throws IOException, InterruptedException {
        String key = run.key();
        String version = FlinkImages.versionFor(main.getImage());
        if (!distributions.isAssembled(version)) {
            events.normal(pod, "Pulling", "Assembling Flink " + version + " from Maven Central (once, about 140 MB)");
        }
        Path distribution = distributions.ensure(version);
        FlinkEntrypoint entrypoint = FlinkEntrypoint.of(main.getCommand(), main.getArgs());
        FlinkPodLauncher.Launch launch;
        try {
            launch = launcher.prepare(pod, main, entrypoint, distribution);
        } catch (PodFilesystem.NotMountable e) {
            run.waiting("ContainerCreating", e.getMessage());
            retryAt.put(key, clock.instant().plusSeconds(2));
            return;
        } catch (IOException e) {
            run.waiting("CreateContainerError", e.getMessage());
            events.warning(pod, "Failed", "Error: " + e.getMessage());
            retryAt.put(key, clock.instant().plusSeconds(10));
            return;
        }
        retryAt.remove(key);
        if (run.restarts == 0) {
            events.normal(pod, "Pulled", "Image " + main.getImage() + " runs as the local Flink " + version
                    + " distribution (" + distribution + ")");
        }
        processes.start(key, launch);
        readinessPorts.put(key, launch.readinessPort());
        run.started(clock.instant(), launch.ports());
        events.normal(pod, "Started", "Started container " + main.getName() + ": " + entrypoint.mainClass()
                + " (Flink " + version + "), ports " + launch.ports() + ", log " + launch.logFile());
        servicesChanged(run.namespace);
    }

    private void writeStatus(Pod pod, PodRun run) {
        Integer code = exited.remove(run.key());
        if (code != null && run.state == PodRun.State.RUNNING) {
            boolean restart = run.exited(code, clock.instant());
            readinessPorts.remove(run.key());
            if (restart) {
                retryAt.put(run.key(), clock.instant().plus(run.backOff()));
                events.warning(pod, "BackOff", "Container exited with code " + code + "; restarting in "
                        + run.backOff().toSeconds() + "s (log " + run.container + ".log)");
            } else {
                events.warning(pod, "Terminated", "Container exited with code " + code);
            }
            servicesChanged(run.namespace);
        }
        var status = run.status();
        if (!Objects.equals(Serialization.asJson(status), Serialization.asJson(pod.getStatus()))) {
            Pod copy = Serialization.clone(pod);
            copy.setStatus(status);
            copy.getMetadata().setResourceVersion(null); // the node owns pod status: last write wins
            client.resource(copy).updateStatus(); // not a merge patch: the mock appends to lists in those
        }
    }

    private void stop(String key) {
        runs.remove(key);
        retryAt.remove(key);
        readinessPorts.remove(key);
        if (processes.stop(key)) {
            servicesChanged(key.substring(0, key.indexOf('/')));
        }
    }

    private void syncService(String key) {
        Service service = services.getStore().getByKey(key);
        if (service == null || service.getSpec() == null) {
            return;
        }
        LoadBalancerStatus wanted = addresses.loadBalancer(service);
        LoadBalancerStatus current = service.getStatus() == null ? null : service.getStatus().getLoadBalancer();
        if (!Objects.equals(Serialization.asJson(wanted),
                Serialization.asJson(current == null ? new LoadBalancerStatus() : current))) {
            Service copy = Serialization.clone(service);
            copy.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder().withLoadBalancer(wanted).build());
            copy.getMetadata().setResourceVersion(null);
            client.resource(copy).updateStatus();
        }
    }

    private void servicesChanged(String namespace) {
        services.getStore().list().stream().filter(s -> namespace.equals(s.getMetadata().getNamespace()))
                .forEach(s -> enqueue(SERVICE + key(s)));
    }

    /** Readiness checks and due restarts. */
    private void tick() {
        readinessPorts.forEach((key, port) -> {
            PodRun run = runs.get(key);
            if (run != null && run.state == PodRun.State.RUNNING && !run.ready && accepts(port)) {
                run.ready = true;
                enqueue(POD + key);
                servicesChanged(run.namespace);
            }
        });
        retryAt.forEach((key, at) -> {
            if (!at.isAfter(clock.instant())) {
                enqueue(POD + key);
            }
        });
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The container that runs Flink as the official image's entrypoint would, or null. */
    private static Container mainContainer(Pod pod) {
        return pod.getSpec().getContainers().stream()
                .filter(c -> FlinkImages.versionFor(c.getImage()) != null)
                .filter(c -> FlinkEntrypoint.of(c.getCommand(), c.getArgs()) != null)
                .findFirst().orElse(null);
    }

    /** Pods the node runs a process for right now. */
    List<String> running() {
        return processes.running();
    }

    private static String key(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    @Override
    public void close() {
        worker.interrupt();
        pods.close();
        services.close();
        processes.stopAll();
        timer.shutdownNow();
    }
}
