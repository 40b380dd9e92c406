package dev.stepgym.protocol.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepgym.protocol.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny WebSocket client for tests ({@code java.net.http}): send frames, wait for the reply
 * with a given id (replies may come out of order), or read the next raw reply. Every wait is
 * bounded. The OpenEnv tests' wire client speaks its id-less frames over this one.
 */
public final class WsJson implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
    private final List<JsonNode> unclaimed = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    public WsJson(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.socket = client.newWebSocketBuilder().buildAsync(URI.create(url), new Listener()).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** Sends {@code {"id": fresh, "op": op, …fields}} and waits for its reply. */
    public JsonNode call(String op, Map<String, ?> fields) {
        return awaitReply(send(op, fields));
    }

    /** Sends {@code {"id": fresh, "op": op, …fields}} without waiting; returns the id. */
    public String send(String op, Map<String, ?> fields) {
        String id = "c" + ids.incrementAndGet();
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.put("id", id);
        frame.put("op", op);
        fields.forEach((key, value) -> frame.set(key, Json.toTree(value)));
        sendRaw(frame.toString());
        return id;
    }

    /** Sends any text as one message. */
    public void sendRaw(String text) {
        socket.sendText(text, true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** Sends one message split into several frames (a text frame and continuation frames). */
    public void sendFragments(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        }
    }

    /** The reply whose {@code id} is {@code id}; other replies are kept for later. */
    public synchronized JsonNode awaitReply(String id) {
        for (int i = 0; i < unclaimed.size(); i++) {
            if (id.equals(unclaimed.get(i).path("id").asText(null))) {
                return unclaimed.remove(i);
            }
        }
        while (true) {
            JsonNode reply = poll();
            if (id.equals(reply.path("id").asText(null))) {
                return reply;
            }
            unclaimed.add(reply);
        }
    }

    /** The next reply in arrival order (unclaimed ones first). */
    public synchronized JsonNode next() {
        if (!unclaimed.isEmpty()) {
            return unclaimed.remove(0);
        }
        return poll();
    }

    /** The next reply if one comes within {@code millis} (unclaimed ones first), else null. */
    public synchronized JsonNode poll(long millis) throws InterruptedException {
        if (!unclaimed.isEmpty()) {
            return unclaimed.remove(0);
        }
        return incoming.poll(millis, TimeUnit.MILLISECONDS);
    }

    private JsonNode poll() {
        try {
            JsonNode reply = incoming.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (reply == null) {
                throw new IllegalStateException("no WebSocket reply within " + WAIT_SECONDS + " s");
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    /** Waits (bounded) for the server to close the socket; returns its close status. */
    public int awaitClosedByServer() {
        return closed.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** Drops the connection without a close frame, as a crashed client does. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    incoming.add(Json.mapper().readTree(text));
                } catch (Exception e) {
                    incoming.add(Json.mapper().createObjectNode().put("unparseable_reply", text));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
