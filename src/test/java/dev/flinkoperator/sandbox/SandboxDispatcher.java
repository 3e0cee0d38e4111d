package dev.flinkoperator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/** The fabric8 CRUD mock, plus the discovery endpoints kubectl needs. */
class SandboxDispatcher extends KubernetesCrudDispatcher {
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private volatile String serverAddress = "127.0.0.1";

    void serverAddress(String hostAndPort) {
        this.serverAddress = hostAndPort;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.contains("protobuf")) {
            // kubectl's typed commands (create namespace, ...) send protobuf; the mock reads JSON only, and a 415
            // makes the client send JSON instead.
            return new MockResponse().setResponseCode(415);
        }
        if ("GET".equals(request.getMethod())) {
            String path = request.getPath().split("\\?", 2)[0];
            if (path.startsWith("/openapi/v3")) {
                return new MockResponse().setResponseCode(404);
            }
            if (path.equals("/openapi/v2")) {
                // An empty OpenAPI document (zero protobuf bytes): kubectl then has no schema to validate against
                // and leaves validation to the server, which this sandbox does not do.
                return new MockResponse().setResponseCode(200)
                        .setHeader("Content-Type", "application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
            }
            JsonNode discovery = discovery(request.getPath());
            if (discovery != null) {
                return json(200, discovery);
            }
        }
        return super.dispatch(request);
    }

    private JsonNode discovery(String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0];
        if (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        return switch (path) {
            case "/version" -> Discovery.version();
            case "/api" -> Discovery.coreVersions(serverAddress);
            case "/apis" -> currentDiscovery().groups();
            case "/api/v1" -> currentDiscovery().resources("v1");
            default -> {
                String[] parts = path.split("/");
                // /apis/<group>/<version>: exactly four parts with the leading empty one
                yield parts.length == 4 && parts[1].equals("apis") ? currentDiscovery().resources(parts[2] + "/" + parts[3])
                        : null;
            }
        };
    }

    private Discovery currentDiscovery() {
        MockResponse crds = super.handleGet(CRDS);
        JsonNode list = crds.code() == 200 ? Serialization.unmarshal(crds.getBody().readUtf8(), JsonNode.class)
                : Serialization.jsonMapper().createObjectNode();
        return new Discovery(list);
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(body));
    }
}
