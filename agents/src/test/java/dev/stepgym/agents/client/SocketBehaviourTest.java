package dev.stepgym.agents.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Socket behaviour that a real server shows only under load or failure: replies out of order,
 * messages split over several frames, unanswered requests, a server that hangs up. A scripted
 * Vert.x WebSocket server on loopback holds each request until the test answers it.
 */
class SocketBehaviourTest {
    private Vertx vertx;
    private HttpServer server;
    private final LinkedBlockingQueue<JsonNode> requests = new LinkedBlockingQueue<>();
    private final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().webSocketHandler(ws -> {
            sockets.add(ws);
            ws.textMessageHandler(text -> requests.add(Json.tree(text)));
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private StepGymSocket connect(Duration timeout) {
        return StepGymSocket.builder("http://127.0.0.1:" + server.actualPort()).requestTimeout(timeout).build();
    }

    private JsonNode nextRequest() throws InterruptedException {
        JsonNode request = requests.poll(10, TimeUnit.SECONDS);
        assertNotNull(request, "the client sent nothing");
        return request;
    }

    private static String stepReply(String id, int step) {
        ObjectNode result = Json.mapper().createObjectNode();
        result.putObject("observation").put("text", "step " + step + " " + "x".repeat(5000)).putArray("available_actions").add("inc");
        result.put("reward", 0.5);
        result.putArray("rewards").addObject().put("name", "progress").put("value", 0.5).put("weight", 1.0)
                .put("source", "env:test").put("kind", "step");
        result.put("terminated", false).put("truncated", false).put("step", step).put("state_hash", "sha256:" + step);
        result.putObject("info");
        ObjectNode reply = Json.mapper().createObjectNode().put("id", id).put("ok", true);
        reply.set("result", result);
        return Json.write(reply);
    }

    private void send(String text) {
        sockets.get(0).writeTextMessage(text);
    }

    /** The message in three frames: a first text frame, a continuation, a final continuation. */
    private void sendFragmented(String text) {
        int third = text.length() / 3;
        ServerWebSocket ws = sockets.get(0);
        ws.writeFrame(WebSocketFrame.textFrame(text.substring(0, third), false));
        ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(text.substring(third, 2 * third)), false));
        ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(text.substring(2 * third)), true));
    }

    @Test
    void framesCarryIdOpAndEpisodeAndRepliesAreMatchedByIdInAnyOrder() throws Exception {
        try (StepGymSocket socket = connect(Duration.ofSeconds(20))) {
            List<CompletableFuture<StepResult>> futures = new ArrayList<>();
            List<JsonNode> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                futures.add(socket.stepAsync("ep-" + i, Action.text("inc")));
                sent.add(nextRequest());
            }
            for (int i = 0; i < 5; i++) {
                assertEquals("step", sent.get(i).get("op").asText());
                assertEquals("ep-" + i, sent.get(i).get("episode_id").asText());
                assertEquals("inc", sent.get(i).get("action").asText());
            }
            // answer in reverse order, the middle one split over three frames
            for (int i = 4; i >= 0; i--) {
                String reply = stepReply(sent.get(i).get("id").asText(), 100 + i);
                if (i == 2) {
                    sendFragmented(reply);
                } else {
                    send(reply);
                }
            }
            for (int i = 0; i < 5; i++) {
                StepResult result = futures.get(i).get(10, TimeUnit.SECONDS);
                assertEquals(100 + i, result.step(), "reply " + i + " went to the wrong request");
                assertEquals("sha256:" + (100 + i), result.stateHash());
            }
            assertEquals(0, socket.pendingRequests());
        }
    }

    @Test
    void errorRepliesBecomeTypedExceptionsWithTheHttpEquivalentStatus() throws Exception {
        try (StepGymSocket socket = connect(Duration.ofSeconds(20))) {
            CompletableFuture<StepResult> step = socket.stepAsync("nope", Action.text("inc"));
            String id = nextRequest().get("id").asText();
            send("{\"id\":\"" + id + "\",\"ok\":false,\"error\":{\"code\":\"EPISODE_NOT_FOUND\",\"message\":\"no episode nope\"}}");
            StepGymClientException e = assertThrows(StepGymClientException.class, () -> Await.result(step));
            assertEquals(ErrorCode.EPISODE_NOT_FOUND, e.code());
            assertEquals(404, e.httpStatus());
            assertTrue(e.getMessage().contains("no episode nope"));
        }
    }

    @Test
    void unansweredRequestTimesOutAndLaterReplyGoesToTheEventCallback() throws Exception {
        LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        try (StepGymSocket socket = StepGymSocket.builder("ws://127.0.0.1:" + server.actualPort() + "/v1/ws")
                .requestTimeout(Duration.ofMillis(200)).onServerEvent(events::add).build()) {
            CompletableFuture<Map<String, Object>> health = socket.healthAsync();
            String id = nextRequest().get("id").asText();
            StepGymClientException e = assertThrows(StepGymClientException.class, () -> Await.result(health));
            assertEquals(StepGymClientException.Origin.TIMEOUT, e.origin());
            assertEquals(0, socket.pendingRequests());

            // a late reply answers nothing: it is handed to the event callback and the socket stays up
            send("{\"id\":\"" + id + "\",\"ok\":true,\"result\":{\"status\":\"ok\"}}");
            send("{\"type\":\"late_reward\",\"episode_id\":\"ep-1\"}");
            JsonNode late = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(late);
            assertEquals(id, late.get("id").asText());
            JsonNode pushed = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(pushed);
            assertEquals("late_reward", pushed.get("type").asText());
            assertTrue(socket.isOpen());
        }
    }

    @Test
    void serverHangingUpFailsEveryPendingRequest() throws Exception {
        try (StepGymSocket socket = connect(Duration.ofSeconds(60))) {
            CompletableFuture<StepResult> a = socket.stepAsync("ep-a", Action.text("inc"));
            CompletableFuture<StepResult> b = socket.stepAsync("ep-b", Action.text("inc"));
            nextRequest();
            nextRequest();
            sockets.get(0).close();
            for (CompletableFuture<StepResult> pending : List.of(a, b)) {
                StepGymClientException e = assertThrows(StepGymClientException.class, () -> Await.result(pending));
                assertEquals(StepGymClientException.Origin.SOCKET_CLOSED, e.origin());
            }
            assertFalse(socket.isOpen());
            StepGymClientException after = assertThrows(StepGymClientException.class, () -> socket.step("ep-a", Action.text("inc")));
            assertEquals(StepGymClientException.Origin.SOCKET_CLOSED, after.origin());
        }
    }

    @Test
    void closingTheClientFailsPendingRequests() throws Exception {
        StepGymSocket socket = connect(Duration.ofSeconds(60));
        CompletableFuture<StepResult> pending = socket.stepAsync("ep-a", Action.text("inc"));
        nextRequest();
        socket.close();
        StepGymClientException e = assertThrows(StepGymClientException.class, () -> Await.result(pending));
        assertEquals(StepGymClientException.Origin.SOCKET_CLOSED, e.origin());
        socket.close(); // idempotent
    }

    @Test
    void socketAddressesAreNormalised() {
        assertEquals("ws://127.0.0.1:9/v1/ws", StepGymSocket.socketUri("http://127.0.0.1:9").toString());
        assertEquals("wss://h:9/v1/ws", StepGymSocket.socketUri("https://h:9/").toString());
        assertEquals("ws://h:9/custom", StepGymSocket.socketUri("ws://h:9/custom").toString());
        assertThrows(IllegalArgumentException.class, () -> StepGymSocket.socketUri("ftp://h:9"));
    }
}
