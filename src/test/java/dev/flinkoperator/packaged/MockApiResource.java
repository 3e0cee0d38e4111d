package dev.flinkoperator.packaged;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the mock API server before Quarkus launches the packaged operator. Its port is fixed
 * ({@code -Dit.api.port}, set in the pom) because the operator is told where it is through environment variables
 * ({@code quarkus.test.env.*}), which are read before any test resource runs.
 */
public class MockApiResource implements QuarkusTestResourceLifecycleManager {
    private static MockApi api;

    static MockApi api() {
        return api;
    }

    @Override
    public Map<String, String> start() {
        api = MockApi.start(Integer.getInteger("it.api.port"));
        return Map.of();
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
    }
}
