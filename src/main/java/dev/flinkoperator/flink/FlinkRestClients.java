package dev.flinkoperator.flink;

import java.net.URI;
import java.time.Duration;

/** Makes the REST client for one JobManager; tests hand the reconcilers one that returns fakes. */
@FunctionalInterface
public interface FlinkRestClients {
    /**
     * @param baseUri the JobManager's REST endpoint, e.g. {@code http://my-cluster-rest.ns:8081}
     * @param timeout the longest any one call may take, connecting included
     */
    FlinkRestClient forJobManager(URI baseUri, Duration timeout);
}
