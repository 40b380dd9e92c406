package dev.stepgym.agents.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The HTTP client of episode protocol v1. Blocking methods come from {@link EpisodeTransport};
 * the {@code …Async} ones do not hold a thread while waiting.
 *
 * <pre>{@code
 * try (StepGymClient client = StepGymClient.connect("http://127.0.0.1:8080")) {
 *     ResetResult start = client.reset("shop-v1", null, 7L, null);
 *     StepResult result = client.step(start.episodeId(), Action.text("search[red shoes]"));
 *     client.close(start.episodeId());
 * }
 * }</pre>
 */
public final class StepGymClient implements EpisodeTransport {
    private final URI base;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final ExecutorService executor;
    private final HttpClient http;

    private StepGymClient(Builder builder) {
        this.base = normaliseBase(builder.baseUrl);
        this.requestTimeout = builder.requestTimeout;
        this.retryPolicy = builder.retryPolicy;
        // Our own daemon pool, so close() releases the client's threads and none keeps a JVM alive.
        this.executor = Executors.newCachedThreadPool(daemonThreads("stepgym-http"));
        this.http = HttpClient.newBuilder()
                // Plain HTTP/1.1: no h2c upgrade dance with the server on every connection.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(builder.connectTimeout)
                .executor(executor)
                .build();
    }

    /** A client with default settings (30 s request timeout, no retry). */
    public static StepGymClient connect(String baseUrl) {
        return builder(baseUrl).build();
    }

    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    /** The server's base address, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUri() {
        return base;
    }

    @Override
    public CompletableFuture<Map<String, Object>> healthAsync() {
        return call("GET", "/v1/health", null, Wire::health);
    }

    @Override
    public CompletableFuture<List<EnvSpec>> envsAsync() {
        return call("GET", "/v1/envs", null, Wire::envs);
    }

    @Override
    public CompletableFuture<ResetResult> resetAsync(ResetParams params) {
        Objects.requireNonNull(params, "params");
        return call("POST", "/v1/episodes", Json.write(Wire.resetBody(params)), Wire::reset);
    }

    @Override
    public CompletableFuture<StepResult> stepAsync(String episodeId, Action action) {
        Objects.requireNonNull(action, "action");
        return call("POST", episodePath(episodeId, "/step"), Json.write(Wire.stepBody(action)), Wire::step);
    }

    @Override
    public CompletableFuture<ResetResult> forkAsync(String episodeId) {
        return call("POST", episodePath(episodeId, "/fork"), "{}", Wire::reset);
    }

    @Override
    public CompletableFuture<EpisodeClosed> closeAsync(String episodeId) {
        return call("DELETE", episodePath(episodeId, ""), null, Wire::closed);
    }

    @Override
    public CompletableFuture<JsonNode> trajectoryAsync(String episodeId) {
        return call("GET", episodePath(episodeId, "/trajectory"), null, Function.identity());
    }

    @Override
    public CompletableFuture<List<BatchStepResult>> batchStepAsync(List<BatchStep> steps) {
        List<BatchStep> entries = List.copyOf(steps);
        return call("POST", "/v1/batch/step", Json.write(Wire.batchBody(entries)), reply -> Wire.batch(reply, entries.size()));
    }

    /** Shuts the client's threads down; requests in flight may fail. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private <T> CompletableFuture<T> call(String method, String path, String body, Function<JsonNode, T> decode) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(requestTimeout)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpRequest built = request.build();
        return CapacityRetry.run(retryPolicy, () -> send(built).thenApply(decode));
    }

    private CompletableFuture<JsonNode> send(HttpRequest request) {
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // e.g. the executor is shut down because the client was closed
            return CompletableFuture.failedFuture(Await.asClientException(e));
        }
        return sent.handle((response, failure) -> {
            if (failure != null) {
                throw Await.asClientException(failure);
            }
            return readReply(response);
        });
    }

    private static JsonNode readReply(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json;
        try {
            json = response.body() == null || response.body().isBlank() ? null : Json.tree(response.body());
        } catch (RuntimeException e) {
            json = null;
        }
        if (status >= 200 && status < 300) {
            if (json == null) {
                throw Wire.badReply("HTTP " + status + " with a body that is not JSON: " + Wire.abbreviate(response.body()));
            }
            return json;
        }
        Integer retryAfter = response.headers().firstValue("Retry-After").map(StepGymClient::seconds).orElse(null);
        if (json == null || !json.has("error")) {
            throw StepGymClientException.server(Wire.statusCode(status), status, retryAfter,
                    "HTTP " + status + ": " + Wire.abbreviate(response.body()));
        }
        throw Wire.error(json.get("error"), status, retryAfter);
    }

    private static Integer seconds(String header) {
        try {
            return Integer.valueOf(header.trim());
        } catch (NumberFormatException e) {
            return null; // an HTTP date: not used by StepGym; fall back to the policy's delay
        }
    }

    private static String episodePath(String episodeId, String suffix) {
        Objects.requireNonNull(episodeId, "episodeId");
        if (episodeId.isEmpty()) {
            throw new IllegalArgumentException("episodeId must not be empty");
        }
        return "/v1/episodes/" + PathSegments.encode(episodeId) + suffix;
    }

    private static URI normaliseBase(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        URI uri = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("base URL must be http:// or https://, got " + baseUrl);
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty()) {
            throw new IllegalArgumentException("base URL must not have a path (routes start with /v1): " + baseUrl);
        }
        return uri;
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Settings of a {@link StepGymClient}. */
    public static final class Builder {
        private final String baseUrl;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.none();

        private Builder(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long one request may wait for its answer. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public StepGymClient build() {
            return new StepGymClient(this);
        }
    }

    static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
        return duration;
    }
}
