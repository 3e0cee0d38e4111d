package dev.flinkoperator.flink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkoperator.flink.FlinkRestException.Failure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One JobManager's REST endpoint: sends a request, turns every way it can go wrong into a FlinkRestException. */
final class FlinkHttp {
    private static final int MAX_RAW_ERROR_CHARS = 500;

    private final HttpClient http;
    private final ObjectMapper json;
    private final String base;
    private final Duration timeout;

    FlinkHttp(HttpClient http, ObjectMapper json, URI baseUri, Duration timeout) {
        this.http = http;
        this.json = json;
        this.base = baseUri.toString().replaceAll("/+$", "");
        this.timeout = timeout;
    }

    ObjectMapper json() {
        return json;
    }

    /** Sends {@code body} (null for none) as JSON and reads the answer as {@code answer} (null to ignore it). */
    <T> T call(String method, String path, Object body, JavaType answer) {
        BodyPublisher publisher;
        try {
            publisher = body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
        return call(method, path, publisher, body == null ? null : "application/json", answer);
    }

    <T> T call(String method, String path, BodyPublisher body, String contentType, JavaType answer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = exchange(request.build(), method, path);
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw FlinkRestException.rejected(method, path, response.statusCode(), errors(response.body()));
        }
        if (answer == null) {
            return null;
        }
        try {
            return json.readValue(response.body(), answer);
        } catch (JsonProcessingException e) {
            throw FlinkRestException.unreadable(method, path, "what is not a "
                    + answer.getRawClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The request's own timeout ends the wait for the answer's headers (connecting included); the outer wait also
     * bounds reading the body, so a JobManager that stalls mid-answer cannot hold a reconciler thread.
     */
    private HttpResponse<String> exchange(HttpRequest request, String method, String path) {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, BodyHandlers.ofString());
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw timedOut(method, path, e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw FlinkRestException.noAnswer(Failure.UNREACHABLE, method, path, "interrupted while waiting for "
                    + base, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(method, path, cause);
            }
            if (cause instanceof IOException) {
                String detail = cause.getMessage() == null ? "" : ": " + cause.getMessage();
                throw FlinkRestException.noAnswer(Failure.UNREACHABLE, method, path, "JobManager at " + base
                        + " unreachable (" + cause.getClass().getSimpleName() + detail + ")", cause);
            }
            throw new IllegalStateException(method + " " + path + " failed in the HTTP client", cause);
        }
    }

    private FlinkRestException timedOut(String method, String path, Throwable cause) {
        return FlinkRestException.noAnswer(Failure.TIMED_OUT, method, path, "no answer from " + base + " within "
                + timeout.toMillis() + " ms", cause);
    }

    /** Flink's error texts; whatever else answered (a proxy's HTML page, say) is kept short and raw. */
    private List<String> errors(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        try {
            FlinkAnswers.Errors errors = json.readValue(body, FlinkAnswers.Errors.class);
            if (errors.errors() != null) {
                return errors.errors();
            }
        } catch (JsonProcessingException e) {
            // not Flink's error format; fall through to the raw text
        }
        String raw = body.strip();
        return List.of(raw.length() > MAX_RAW_ERROR_CHARS ? raw.substring(0, MAX_RAW_ERROR_CHARS) + "..." : raw);
    }
}
