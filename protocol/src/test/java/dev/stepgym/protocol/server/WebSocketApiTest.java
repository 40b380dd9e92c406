package dev.stepgym.protocol.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.testkit.CounterGate;
import dev.stepgym.protocol.testkit.CounterProvider;
import dev.stepgym.protocol.testkit.TestServer;
import dev.stepgym.protocol.testkit.WsJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WebSocket {@code /v1/ws} ops over a real server on loopback. */
class WebSocketApiTest {
    private static final String ENV = CounterProvider.ID;
    private static TestServer server;
    private WsJson ws;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withMaxBodyBytes(32 * 1024));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() {
        ws = new WsJson(server.wsUrl());
    }

    /** Every bad frame must leave the socket (and the server) usable. */
    @AfterEach
    void stillServing() {
        JsonNode health = ws.call("health", Map.of());
        assertTrue(health.path("ok").asBoolean(), health.toString());
        assertEquals("ok", health.path("result").path("status").asText());
        ws.close();
    }

    private JsonNode ok(JsonNode reply) {
        assertTrue(reply.path("ok").asBoolean(), reply.toString());
        return reply.path("result");
    }

    private void assertError(JsonNode reply, String code) {
        assertFalse(reply.path("ok").asBoolean(true), reply.toString());
        assertEquals(code, reply.path("error").path("code").asText(), reply.toString());
        assertFalse(reply.path("error").path("message").asText().isBlank());
    }

    @Test
    void everyOpWorksOverOneSocket() {
        assertEquals(ENV, ok(ws.call("envs", Map.of())).path("envs").get(0).path("id").asText());
        JsonNode reset = ok(ws.call("reset", Map.of("env", ENV, "task", "target-2", "seed", 5)));
        String id = reset.path("episode_id").asText();
        assertEquals(300, reset.path("lease_seconds").asInt());
        assertEquals("target-2", reset.path("info").path("task").asText());

        JsonNode step = ok(ws.call("step", Map.of("episode_id", id, "action", "inc")));
        assertEquals(1, step.path("step").asInt());
        assertEquals(1.0, step.path("reward").asDouble());

        JsonNode fork = ok(ws.call("fork", Map.of("episode_id", id)));
        assertEquals(step.path("state_hash"), fork.path("state_hash"));
        String child = fork.path("episode_id").asText();

        JsonNode batch = ok(ws.call("batch_step", Map.of("steps", List.of(
                Map.of("episode_id", id, "action", Map.of("tool", "inc", "arguments", Map.of())),
                Map.of("episode_id", child, "action", "dec")))));
        assertEquals("count=2 target=2", batch.path("results").get(0).path("observation").path("text").asText());
        assertEquals("count=0 target=2", batch.path("results").get(1).path("observation").path("text").asText());

        JsonNode done = ok(ws.call("step", Map.of("episode_id", id, "action", "done")));
        assertTrue(done.path("terminated").asBoolean());
        assertError(ws.call("step", Map.of("episode_id", id, "action", "inc")), "EPISODE_DONE");

        JsonNode closed = ok(ws.call("close", Map.of("episode_id", id)));
        assertEquals(3, closed.path("steps").asInt());
        assertEquals(closed, ok(ws.call("close", Map.of("episode_id", id))), "close is idempotent");

        JsonNode trajectory = ok(ws.call("trajectory", Map.of("episode_id", id)));
        assertEquals(3, trajectory.path("steps").size());
        assertEquals("closed", trajectory.path("end").path("reason").asText());
        assertEquals(id, ok(ws.call("trajectory", Map.of("episode_id", child))).path("header").path("parent_episode_id").asText());
    }

    @Test
    void aBadActionIsAnObservationNotAnError() {
        String id = ok(ws.call("reset", Map.of("env", ENV))).path("episode_id").asText();
        JsonNode step = ok(ws.call("step", Map.of("episode_id", id, "action", "teleport")));
        assertTrue(step.path("observation").path("last_action_error").asText().contains("teleport"));
        assertEquals("invalid_action", step.path("rewards").get(0).path("name").asText());
    }

    @Test
    void badFramesGetErrorReplies() {
        assertError(ws.call("dance", Map.of()), "UNKNOWN_OP");
        assertError(ws.call("reset", Map.of("env", "nope-v1")), "UNKNOWN_ENV");
        assertError(ws.call("reset", Map.of("env", ENV, "seed", "42")), "BAD_REQUEST");
        assertError(ws.call("reset", Map.of()), "BAD_REQUEST");
        assertError(ws.call("step", Map.of("episode_id", "ep-nope", "action", "inc")), "EPISODE_NOT_FOUND");
        assertError(ws.call("step", Map.of("action", "inc")), "BAD_REQUEST");
        String id = ok(ws.call("reset", Map.of("env", ENV))).path("episode_id").asText();
        assertError(ws.call("step", Map.of("episode_id", id, "action", 12)), "BAD_REQUEST");
        assertError(ws.call("step", Map.of("episode_id", id, "action", "crash")), "INTERNAL");
        assertEquals(1, ok(ws.call("step", Map.of("episode_id", id, "action", "inc"))).path("step").asInt());

        ws.sendRaw("{not json");
        JsonNode malformed = ws.next();
        assertTrue(malformed.path("id").isNull(), malformed.toString());
        assertError(malformed, "BAD_REQUEST");

        ws.sendRaw("{\"op\":\"health\"}");
        JsonNode noId = ws.next();
        assertTrue(noId.has("id") && noId.path("id").isNull(), noId.toString());
        assertTrue(noId.path("ok").asBoolean(), "a frame without id is still answered");

        ws.sendRaw("{\"id\":\"x1\"}");
        assertError(ws.awaitReply("x1"), "BAD_REQUEST");
    }

    @Test
    void anOversizedMessageIsRefusedAndTheSocketStaysUsable() {
        ws.sendRaw("{\"id\":\"big\",\"op\":\"health\",\"pad\":\"" + "z".repeat(40 * 1024) + "\"}");
        JsonNode reply = ws.next();
        assertError(reply, "TOO_LARGE");
        assertTrue(reply.path("id").isNull());
        assertTrue(ws.isOpen());
        assertEquals(ENV, ok(ws.call("envs", Map.of())).path("envs").get(0).path("id").asText());
    }

    @Test
    void fragmentedMessagesAreJoinedAndLimitedAsAWhole() {
        ws.sendFragments("{\"id\":\"frag\",", "\"op\":\"envs\"", "}");
        assertEquals(ENV, ok(ws.awaitReply("frag")).path("envs").get(0).path("id").asText());
        String part = "x".repeat(12 * 1024);
        ws.sendFragments("{\"id\":\"huge\",\"op\":\"health\",\"pad\":\"", part, part, part, "\"}");
        assertError(ws.next(), "TOO_LARGE");
        assertTrue(ws.isOpen());
    }

    @Test
    void aBlockedEpisodeDoesNotHoldUpOthersAndRepliesComeOutOfOrder() throws Exception {
        String slow = ok(ws.call("reset", Map.of("env", ENV))).path("episode_id").asText();
        String fast = ok(ws.call("reset", Map.of("env", ENV))).path("episode_id").asText();
        CounterGate.close();
        try {
            String blockedId = ws.send("step", Map.of("episode_id", slow, "action", "block"));
            assertTrue(CounterGate.awaitBlocked(30, TimeUnit.SECONDS), "the blocking step started");
            String fastId = ws.send("step", Map.of("episode_id", fast, "action", "inc"));
            JsonNode first = ws.next();
            assertEquals(fastId, first.path("id").asText(), "the fast episode answered while the other was blocked");
            assertTrue(first.path("ok").asBoolean());
            CounterGate.open();
            assertTrue(ws.awaitReply(blockedId).path("ok").asBoolean());
        } finally {
            CounterGate.open();
        }
    }

    @Test
    void manyEpisodesInterleaveOnOneSocket() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(ok(ws.call("reset", Map.of("env", ENV, "task", "target-3", "seed", i))).path("episode_id").asText());
        }
        List<String> requests = new java.util.ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (String id : ids) {
                requests.add(ws.send("step", Map.of("episode_id", id, "action", "inc")));
            }
        }
        for (String request : requests) {
            assertTrue(ws.awaitReply(request).path("ok").asBoolean());
        }
        for (String id : ids) {
            JsonNode closed = ok(ws.call("close", Map.of("episode_id", id)));
            assertEquals(3, closed.path("steps").asInt(), "steps of one episode were serialised, none lost");
            assertEquals(3.0, closed.path("return").asDouble());
        }
    }
}
