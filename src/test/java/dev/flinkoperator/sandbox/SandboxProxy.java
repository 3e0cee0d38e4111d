package dev.flinkoperator.sandbox;

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
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The address kubectl talks to. It passes requests through to the mock API, except watches: kubectl (client-go) watches
 * over a streamed HTTP response, the mock only over a WebSocket, so a watch is opened on the mock as a WebSocket and
 * each event written to kubectl as one JSON line.
 */
final class SandboxProxy implements AutoCloseable {
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
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(
                        exchange.getRequestBody().readAllBytes()));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
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
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private void bridgeWatch(HttpExchange exchange) throws IOException {
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
                        out.write((message + "\n").getBytes(StandardCharsets.UTF_8));
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
