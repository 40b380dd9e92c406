package dev.stepgym.agents.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Episode protocol v1 over one WebSocket ({@code /v1/ws}): every operation is a text frame
 * {@code {"id","op",…}} answered by {@code {"id","ok","result"|"error"}}. Requests are multiplexed:
 * any number may be in flight, for any number of episodes, and replies are matched by id whatever
 * order they come in. Each request has a timeout; when the socket closes, every pending request
 * fails with {@link StepGymClientException.Origin#SOCKET_CLOSED}.
 *
 * <p>Frames the server sends without a pending id (server-pushed events such as late rewards) go to
 * the {@link Builder#onServerEvent(Consumer)} callback.
 */
public final class StepGymSocket implements EpisodeTransport {
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final Consumer<JsonNode> serverEvents;
    private final ExecutorService callbacks;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final Object sendLock = new Object();
    private final WebSocket webSocket;
    /** Tail of the send chain: the JDK WebSocket allows one outstanding send at a time. */
    private CompletableFuture<Void> sendTail = CompletableFuture.completedFuture(null);
    private volatile String closedReason;

    private StepGymSocket(Builder builder) {
        this.requestTimeout = builder.requestTimeout;
        this.retryPolicy = builder.retryPolicy;
        this.serverEvents = builder.serverEvents;
        // Replies are decoded and handed to callers off the reading thread, so a slow caller
        // callback never stalls the socket for the other episodes.
        this.callbacks = Executors.newCachedThreadPool(StepGymClient.daemonThreads("stepgym-ws"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(builder.connectTimeout).executor(callbacks).build();
        try {
            this.webSocket = http.newWebSocketBuilder()
                    .connectTimeout(builder.connectTimeout)
                    .buildAsync(builder.uri, new Reader())
                    .get(builder.connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callbacks.shutdownNow();
            throw StepGymClientException.local(StepGymClientException.Origin.TRANSPORT, "interrupted while connecting to " + builder.uri, e);
        } catch (Exception e) {
            callbacks.shutdownNow();
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw StepGymClientException.local(StepGymClientException.Origin.TRANSPORT,
                    "cannot open WebSocket " + builder.uri + ": " + cause, cause);
        }
    }

    /**
     * Connects with default settings.
     *
     * @param url {@code ws://host:port/v1/ws}, or the server's {@code http://host:port} base address
     */
    public static StepGymSocket connect(String url) {
        return builder(url).build();
    }

    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** Requests sent and not yet answered (for diagnostics and tests). */
    public int pendingRequests() {
        return pending.size();
    }

    public boolean isOpen() {
        return closedReason == null;
    }

    @Override
    public CompletableFuture<Map<String, Object>> healthAsync() {
        return request("health", Wire.object(), Wire::health);
    }

    @Override
    public CompletableFuture<List<EnvSpec>> envsAsync() {
        return request("envs", Wire.object(), Wire::envs);
    }

    @Override
    public CompletableFuture<ResetResult> resetAsync(ResetParams params) {
        Objects.requireNonNull(params, "params");
        return request("reset", Wire.resetBody(params), Wire::reset);
    }

    @Override
    public CompletableFuture<StepResult> stepAsync(String episodeId, Action action) {
        Objects.requireNonNull(action, "action");
        return request("step", withEpisode(Wire.stepBody(action), episodeId), Wire::step);
    }

    @Override
    public CompletableFuture<ResetResult> forkAsync(String episodeId) {
        return request("fork", withEpisode(Wire.object(), episodeId), Wire::reset);
    }

    @Override
    public CompletableFuture<EpisodeClosed> closeAsync(String episodeId) {
        return request("close", withEpisode(Wire.object(), episodeId), Wire::closed);
    }

    @Override
    public CompletableFuture<JsonNode> trajectoryAsync(String episodeId) {
        return request("trajectory", withEpisode(Wire.object(), episodeId), Function.identity());
    }

    @Override
    public CompletableFuture<List<BatchStepResult>> batchStepAsync(List<BatchStep> steps) {
        List<BatchStep> entries = List.copyOf(steps);
        return request("batch_step", Wire.batchBody(entries), reply -> Wire.batch(reply, entries.size()));
    }

    /**
     * Closes the socket: pending requests fail at once, the server gets a normal close frame, and
     * the connection is dropped if it does not confirm within a second.
     */
    @Override
    public void close() {
        if (!markClosed("socket closed by the client")) {
            return;
        }
        try {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the peer is gone or slow; abort below releases the connection either way
        }
        webSocket.abort();
        callbacks.shutdown();
    }

    private static ObjectNode withEpisode(ObjectNode body, String episodeId) {
        Objects.requireNonNull(episodeId, "episodeId");
        body.put("episode_id", episodeId);
        return body;
    }

    private <T> CompletableFuture<T> request(String op, ObjectNode body, Function<JsonNode, T> decode) {
        return CapacityRetry.run(retryPolicy, () -> sendOnce(op, body.deepCopy()).thenApplyAsync(decode, callbacks));
    }

    private CompletableFuture<JsonNode> sendOnce(String op, ObjectNode frame) {
        String id = "c" + nextId.incrementAndGet();
        ObjectNode ordered = Wire.object();
        ordered.put("id", id);
        ordered.put("op", op);
        ordered.setAll(frame);
        String text = Json.write(ordered);

        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        String reason = closedReason;
        if (reason != null) {
            // closed while we registered: make sure this request does not wait forever
            failPending(id, StepGymClientException.Origin.SOCKET_CLOSED, reason);
            return reply;
        }
        CompletableFuture.delayedExecutor(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> failPending(id, StepGymClientException.Origin.TIMEOUT,
                        op + " " + id + " got no answer within " + requestTimeout));
        synchronized (sendLock) {
            sendTail = sendTail.handle((ignored, previousFailure) -> null)
                    .thenCompose(ignored -> webSocket.sendText(text, true))
                    .handle((ws, failure) -> {
                        if (failure != null) {
                            failPending(id, StepGymClientException.Origin.TRANSPORT, "cannot send " + op + ": " + failure);
                        }
                        return null;
                    });
        }
        return reply;
    }

    private void failPending(String id, StepGymClientException.Origin origin, String message) {
        CompletableFuture<JsonNode> reply = pending.remove(id);
        if (reply != null) {
            reply.completeExceptionally(StepGymClientException.local(origin, message, null));
        }
    }

    /** Records the close once and fails everything pending; false if it was already closed. */
    private boolean markClosed(String reason) {
        synchronized (sendLock) {
            if (closedReason != null) {
                return false;
            }
            closedReason = reason;
        }
        for (String id : new ArrayList<>(pending.keySet())) {
            failPending(id, StepGymClientException.Origin.SOCKET_CLOSED, reason);
        }
        return true;
    }

    private void dispatch(String text) {
        JsonNode frame;
        try {
            frame = Json.tree(text);
        } catch (RuntimeException e) {
            deliverEvent(Wire.object().put("type", "unreadable_frame").put("text", Wire.abbreviate(text)));
            return;
        }
        JsonNode idNode = frame.path("id");
        CompletableFuture<JsonNode> reply = idNode.isTextual() ? pending.remove(idNode.asText()) : null;
        if (reply == null) {
            deliverEvent(frame);
            return;
        }
        if (frame.path("ok").asBoolean(false)) {
            reply.complete(frame.path("result"));
        } else {
            reply.completeExceptionally(Wire.error(frame.get("error"), 0, null));
        }
    }

    private void deliverEvent(JsonNode frame) {
        if (serverEvents == null) {
            return;
        }
        try {
            serverEvents.accept(frame);
        } catch (RuntimeException e) {
            // a faulty event callback must not stop the reader that serves every episode
        }
    }

    /** Reads frames, joining the parts of fragmented messages before dispatching them. */
    private final class Reader implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                dispatch(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, java.nio.ByteBuffer data, boolean last) {
            ws.request(1); // the protocol is text-only; binary frames are ignored
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            markClosed("socket closed by the server (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
            callbacks.shutdown();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            markClosed("socket failed: " + error);
            callbacks.shutdown();
        }
    }

    /** Settings of a {@link StepGymSocket}. */
    public static final class Builder {
        private final URI uri;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.none();
        private Consumer<JsonNode> serverEvents;

        private Builder(String url) {
            this.uri = socketUri(url);
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = StepGymClient.positive(timeout, "connectTimeout");
            return this;
        }

        /** How long one request may wait for its reply before failing with a timeout. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = StepGymClient.positive(timeout, "requestTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Receives frames that answer no pending request (server-pushed events). Runs on the reader thread: keep it short. */
        public Builder onServerEvent(Consumer<JsonNode> callback) {
            this.serverEvents = callback;
            return this;
        }

        public StepGymSocket build() {
            return new StepGymSocket(this);
        }
    }

    static URI socketUri(String url) {
        Objects.requireNonNull(url, "url");
        URI uri = URI.create(url);
        String scheme = uri.getScheme();
        String path = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/") ? "/v1/ws" : uri.getPath();
        String socketScheme = switch (scheme == null ? "" : scheme) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> throw new IllegalArgumentException("WebSocket URL must be ws://, wss://, http:// or https://, got " + url);
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("WebSocket URL has no host: " + url);
        }
        return URI.create(socketScheme + "://" + uri.getRawAuthority() + path);
    }
}
