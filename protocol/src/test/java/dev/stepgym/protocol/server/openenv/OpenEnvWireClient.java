package dev.stepgym.protocol.server.openenv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepgym.protocol.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client written to OpenEnv's wire format as its {@code EnvClient} speaks it: it connects to
 * {@code <base_url>/ws} (http→ws), sends {@code {"type","data"}} text frames with no id and reads
 * the replies in order, one per message. {@code java.net.http} only, so nothing of the server's is
 * reused.
 */
final class OpenEnvWireClient implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    /** Connects as {@code convert_to_ws_url(base_url) + "/ws"} does. */
    OpenEnvWireClient(String baseUrl) {
        String url = baseUrl.replaceFirst("^http", "ws").replaceAll("/+$", "") + "/ws";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.socket = client.newWebSocketBuilder().buildAsync(URI.create(url), new Listener()).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** {@code reset(**kwargs)}: sends {@code {"type":"reset","data":kwargs}} and returns the reply frame. */
    JsonNode reset(Object data) {
        return call("reset", data);
    }

    /** {@code step(action)}: the bare action dict as data. */
    JsonNode step(Object action) {
        return call("step", action);
    }

    JsonNode state() {
        sendRaw("{\"type\":\"state\"}");
        return next();
    }

    /** {@code close()}: sends {@code {"type":"close"}}; the server closes the socket without replying. */
    void sendClose() {
        sendRaw("{\"type\":\"close\"}");
    }

    JsonNode call(String type, Object data) {
        send(type, data);
        return next();
    }

    void send(String type, Object data) {
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.put("type", type);
        frame.set("data", Json.toTree(data));
        sendRaw(frame.toString());
    }

    void sendRaw(String text) {
        socket.sendText(text, true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** The next frame from the server, in arrival order. */
    JsonNode next() {
        try {
            JsonNode frame = incoming.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (frame == null) {
                throw new IllegalStateException("no OpenEnv frame within " + WAIT_SECONDS + " s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A frame if one arrives within {@code millis}, else null. */
    JsonNode poll(long millis) throws InterruptedException {
        return incoming.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Waits (bounded) for the server to close the socket; returns its close status. */
    int awaitClosedByServer() {
        return closed.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** Drops the connection without any close message or close frame, as a crashed trainer does. */
    void abort() {
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
