package dev.stepgym.protocol.server.openenv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.testkit.WsJson;

/**
 * A client written to OpenEnv's wire format as its {@code EnvClient} speaks it: it connects to
 * {@code <base_url>/ws} (http→ws), sends {@code {"type","data"}} text frames with no id and reads
 * the replies in order, one per message. The socket is the testkit's {@link WsJson}
 * ({@code java.net.http}), so nothing of the server's is reused.
 */
final class OpenEnvWireClient implements AutoCloseable {
    private final WsJson socket;

    /** Connects as {@code convert_to_ws_url(base_url) + "/ws"} does. */
    OpenEnvWireClient(String baseUrl) {
        this.socket = new WsJson(baseUrl.replaceFirst("^http", "ws").replaceAll("/+$", "") + "/ws");
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
        socket.sendRaw(text);
    }

    /** The next frame from the server, in arrival order (waits at most 30 s). */
    JsonNode next() {
        return socket.next();
    }

    /** A frame if one arrives within {@code millis}, else null. */
    JsonNode poll(long millis) throws InterruptedException {
        return socket.poll(millis);
    }

    /** Waits (bounded) for the server to close the socket; returns its close status. */
    int awaitClosedByServer() {
        return socket.awaitClosedByServer();
    }

    /** Drops the connection without any close message or close frame, as a crashed trainer does. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
