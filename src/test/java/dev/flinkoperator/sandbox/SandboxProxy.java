package dev.flinkoperator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address kubectl talks to. It passes requests through to the mock API, except watches: kubectl (client-go) watches
 * over a streamed HTTP response, the mock only over a WebSocket, so a watch is opened on the mock as a WebSocket and
 * each event written to kubectl as one JSON line.
 */
final class SandboxProxy implements AutoCloseable {
    // /apis/<group>/<version>[/namespaces/<ns>]/<plural>[/<name>]
    private static final Pattern CUSTOM_RESOURCE =
            Pattern.compile("^/apis/([^/]+)/([^/]+)(?:/namespaces/[^/]+)?/([^/]+)(?:/[^/]+)?$");
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "transfer-encoding",
            "upgrade", "expect", "keep-alive");

    private final HttpServer server;
    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sandbox-proxy");
        t.setDaemon(true);
        return t;
    });

    SandboxProxy(URI api, int port) throws IOException {
        this.api = api;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            if ("GET".equals(exchange.getRequestMethod()) && query != null
                    && (query.contains("watch=true") || query.contains("watch=1"))) {
                bridgeWatch(exchange);
            } else {
                forward(exchange);
            }
        } catch (IOException | RuntimeException e) {
            // kubectl went away mid-stream, or the mock did: nothing to answer any more
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        JsonNode columns = printerColumns(exchange);
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(
                        exchange.getRequestBody().readAllBytes()));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !(columns != null && name.equalsIgnoreCase("accept"))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        if (columns != null) {
            request.header("Accept", "application/json");
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] body = response.body();
        if (response.headers().firstValue("Content-Type").isEmpty()) {
            // The mock names no type; kubectl, having offered protobuf first, would read its JSON as protobuf
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        if (columns != null && response.statusCode() == 200) {
            body = Serialization.asJson(PrinterTable.of(columns, Serialization.unmarshal(
                    new String(body, StandardCharsets.UTF_8), JsonNode.class), Instant.now()))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private void bridgeWatch(HttpExchange exchange) throws IOException {
        JsonNode columns = printerColumns(exchange);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0); // chunked, open until one side closes
        OutputStream out = exchange.getResponseBody();
        CountDownLatch closed = new CountDownLatch(1);
        URI ws = URI.create(api.toString().replaceFirst("^http", "ws")).resolve(exchange.getRequestURI().toString());
        WebSocket socket = http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    try {
                        out.write((asTable(columns, message.toString()) + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } catch (IOException e) {
                        closed.countDown(); // kubectl stopped watching
                    }
                    message.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.countDown();
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.countDown();
            }
        }).join();
        try {
            // A kubectl that quit is noticed at the next event; a quiet watch ends after its timeout, as on a server.
            closed.await(watchTimeoutSeconds(exchange.getRequestURI().getRawQuery()), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.abort();
        }
    }

    /** A watch event as kubectl asked for it: its object as a one-row Table when it asked for tables. */
    private static String asTable(JsonNode columns, String event) {
        if (columns == null) {
            return event;
        }
        ObjectNode parsed = (ObjectNode) Serialization.unmarshal(event, JsonNode.class);
        if (parsed.has("object") && parsed.path("object").has("metadata")) {
            parsed.set("object", PrinterTable.of(columns, parsed.path("object"), Instant.now()));
        }
        return Serialization.asJson(parsed);
    }

    /**
     * The printer columns of the custom resource a GET reads, when kubectl asks for a Table; null otherwise (the
     * request goes through as it is).
     */
    private JsonNode printerColumns(HttpExchange exchange) {
        if (!"GET".equals(exchange.getRequestMethod())
                || !PrinterTable.wanted(exchange.getRequestHeaders().getFirst("Accept"))) {
            return null;
        }
        JsonNode builtIn = PrinterTable.builtInColumns(exchange.getRequestURI().getPath());
        if (builtIn != null) {
            return builtIn;
        }
        Matcher m = CUSTOM_RESOURCE.matcher(exchange.getRequestURI().getPath());
        if (!m.matches()) {
            return null;
        }
        try {
            HttpResponse<String> crd = http.send(HttpRequest.newBuilder(api.resolve(
                    "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + m.group(3) + "." + m.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (crd.statusCode() != 200) {
                return null;
            }
            for (JsonNode version : Serialization.unmarshal(crd.body(), JsonNode.class).path("spec").path("versions")) {
                if (version.path("name").asText().equals(m.group(2))) {
                    return version.path("additionalPrinterColumns");
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long watchTimeoutSeconds(String query) {
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("timeoutSeconds=")) {
                return Long.parseLong(parameter.substring("timeoutSeconds=".length()));
            }
        }
        return 1800;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
