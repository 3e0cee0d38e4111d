package dev.flinkoperator.flink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JobManager REST endpoint on localhost that answers canned JSON per method and path and records what it was sent.
 * Unknown paths get Flink's own 404 answer.
 */
final class StubJobManager implements AutoCloseable {
    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean stalled;
    private volatile boolean stalledMidAnswer;

    StubJobManager() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FlinkRestClient client() {
        return new HttpFlinkRestClients().forJobManager(uri(), Duration.ofSeconds(5));
    }

    StubJobManager answer(String method, String pathAndQuery, int status, String body) {
        answers.put(method + " " + pathAndQuery, new Answer(status, body));
        return this;
    }

    /** Answers with a recorded Flink answer from this package's test resources. */
    StubJobManager answerWith(String method, String pathAndQuery, String resource) {
        return answerWith(method, pathAndQuery, 200, resource);
    }

    StubJobManager answerWith(String method, String pathAndQuery, int status, String resource) {
        try (InputStream in = StubJobManager.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return answer(method, pathAndQuery, status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts requests but answers none until closed. */
    void stall() {
        stalled = true;
    }

    /** Sends the answer's headers and its first byte, then nothing more until closed. */
    void stallMidAnswer() {
        stalledMidAnswer = true;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received lastReceived() {
        if (received.isEmpty()) {
            throw new AssertionError("the stub JobManager received no request");
        }
        return received.get(received.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        received.add(new Received(exchange.getRequestMethod(), pathAndQuery, headers, body));
        if (stalled) {
            awaitRelease();
        }
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + pathAndQuery,
                new Answer(404, "{\"errors\":[\"Not found: " + exchange.getRequestURI().getRawPath() + "\"]}"));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (stalledMidAnswer && bytes.length > 1) {
                out.write(bytes, 0, 1);
                out.flush();
                awaitRelease();
            }
            out.write(bytes);
        }
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
