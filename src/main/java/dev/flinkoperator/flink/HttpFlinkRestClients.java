package dev.flinkoperator.flink;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * REST clients that talk HTTP. All share one JDK HttpClient: each HttpClient has its own selector thread and
 * connection pool, too much to make per reconciliation.
 */
@ApplicationScoped
public class HttpFlinkRestClients implements FlinkRestClients {
    // Flink's REST server speaks HTTP/1.1 only; the JDK client would otherwise offer an h2c upgrade on every request.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    // Its own mapper, not the application's: Flink's field names and tolerance for newer fields must not change with
    // the operator's JSON settings.
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE, true);

    @Override
    public FlinkRestClient forJobManager(URI baseUri, Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("a Flink REST timeout must be positive, not " + timeout);
        }
        return new HttpFlinkRestClient(new FlinkHttp(http, json, baseUri, timeout));
    }
}
