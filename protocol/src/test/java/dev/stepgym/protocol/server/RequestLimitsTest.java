package dev.stepgym.protocol.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.testkit.CounterProvider;
import dev.stepgym.protocol.testkit.HttpJson;
import dev.stepgym.protocol.testkit.HttpJson.Reply;
import dev.stepgym.protocol.testkit.TestServer;
import dev.stepgym.protocol.testkit.WsJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, item 3: what one request may cost is bounded. A batch past the cap, a step limit past the
 * ceiling, a trajectory past the reply limit each answer a clear error, over HTTP and WebSocket; a
 * batch whose results fill the reply limit stops taking steps rather than building an unbounded reply.
 */
class RequestLimitsTest {
    private static final String ENV = CounterProvider.ID;
    private static final int BATCH = 8;
    private static final int CEILING = 50;
    private static final int REPLY_BYTES = 1000;
    private static TestServer server;
    private static HttpJson http;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withCapacity(ENV, 100)
                .withLimits(l -> l.withMaxBatchSteps(BATCH).withMaxStepsCeiling(CEILING).withMaxReplyBytes(REPLY_BYTES)));
        http = new HttpJson(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String reset(Map<String, Object> options) {
        Reply reply = http.postJson("/v1/episodes", Map.of("env", ENV, "seed", 1, "options", options));
        assertEquals(201, reply.status(), reply.body());
        return reply.json().path("episode_id").asText();
    }

    private static int nextStep(String id) {
        Reply reply = http.postJson("/v1/episodes/" + id + "/step", Map.of("action", "inc"));
        assertEquals(200, reply.status(), reply.body());
        return reply.json().path("step").asInt();
    }

    private static void assertMessageNames(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }

    private static List<Map<String, Object>> entries(List<String> ids) {
        List<Map<String, Object>> steps = new ArrayList<>();
        ids.forEach(id -> steps.add(Map.of("episode_id", id, "action", "inc")));
        return steps;
    }

    @Test
    void aBatchOverTheCapIsRefusedWholeOverHttpAndWebSocket() {
        String id = reset(Map.of());
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= BATCH; i++) {
            tooMany.add(id);
        }
        Reply reply = http.postJson("/v1/batch/step", Map.of("steps", entries(tooMany)));
        assertEquals(413, reply.status(), reply.body());
        assertEquals("TOO_LARGE", reply.errorCode());
        assertMessageNames(reply.json().path("error").path("message").asText(), String.valueOf(BATCH + 1),
                String.valueOf(BATCH), "--max-batch-steps");
        try (WsJson ws = new WsJson(server.wsUrl())) {
            JsonNode wsReply = ws.call("batch_step", Map.of("steps", entries(tooMany)));
            assertFalse(wsReply.path("ok").asBoolean(), wsReply.toString());
            assertEquals("TOO_LARGE", wsReply.path("error").path("code").asText());
        }
        assertEquals(1, nextStep(id), "no entry of a refused batch was run");
        Reply atTheCap = http.postJson("/v1/batch/step", Map.of("steps", entries(tooMany.subList(0, 2))));
        assertEquals(200, atTheCap.status(), atTheCap.body());
    }

    @Test
    void maxStepsOverTheCeilingIsABadRequestNamingFieldAndCeiling() {
        for (Object asked : List.of(CEILING + 1, 1_000_000_000, 1e15)) {
            Reply reply = http.postJson("/v1/episodes", Map.of("env", ENV, "options", Map.of("max_steps", asked)));
            assertEquals(400, reply.status(), reply.body());
            assertEquals("BAD_REQUEST", reply.errorCode());
            assertMessageNames(reply.json().path("error").path("message").asText(), "options.max_steps",
                    String.valueOf(CEILING), "--max-steps-ceiling");
        }
        try (WsJson ws = new WsJson(server.wsUrl())) {
            JsonNode wsReply = ws.call("reset", Map.of("env", ENV, "options", Map.of("max_steps", 1_000_000_000)));
            assertEquals("BAD_REQUEST", wsReply.path("error").path("code").asText(), wsReply.toString());
        }
        Reply atTheCeiling = http.postJson("/v1/episodes", Map.of("env", ENV, "options", Map.of("max_steps", CEILING)));
        assertEquals(201, atTheCeiling.status(), atTheCeiling.body());
        assertEquals(CEILING, atTheCeiling.json().path("info").path("max_steps").asInt());
    }

    @Test
    void aTrajectoryOverTheReplyLimitIs413OverHttpAndWebSocket() {
        String big = reset(Map.of("note", "n".repeat(2 * REPLY_BYTES)));
        Reply reply = http.get("/v1/episodes/" + big + "/trajectory");
        assertEquals(413, reply.status(), reply.body());
        assertEquals("REPLY_TOO_LARGE", reply.errorCode());
        assertMessageNames(reply.json().path("error").path("message").asText(), big, String.valueOf(REPLY_BYTES),
                "--max-reply-bytes");
        try (WsJson ws = new WsJson(server.wsUrl())) {
            JsonNode wsReply = ws.call("trajectory", Map.of("episode_id", big));
            assertEquals("REPLY_TOO_LARGE", wsReply.path("error").path("code").asText(), wsReply.toString());
        }
        String small = reset(Map.of());
        assertEquals(200, http.get("/v1/episodes/" + small + "/trajectory").status());
    }

    @Test
    void aBatchStopsTakingStepsOnceItsReplyIsFull() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            ids.add(reset(Map.of()));
        }
        Reply reply = http.postJson("/v1/batch/step", Map.of("steps", entries(ids)));
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.body().length() < REPLY_BYTES + 2000, "bounded by the limit and one result: " + reply.body().length());
        JsonNode results = reply.json().path("results");
        assertEquals(BATCH, results.size());
        int ran = 0;
        while (ran < BATCH && results.get(ran).has("observation")) {
            ran++;
        }
        assertTrue(ran >= 1 && ran < BATCH, "some entries ran, then the reply was full: " + reply.body());
        for (int i = 0; i < BATCH; i++) {
            if (i < ran) {
                assertEquals(2, nextStep(ids.get(i)), "entry " + i + " ran");
            } else {
                assertEquals("REPLY_TOO_LARGE", results.get(i).path("error").path("code").asText(), results.get(i).toString());
                assertMessageNames(results.get(i).path("error").path("message").asText(), "not run", "--max-reply-bytes");
                assertEquals(1, nextStep(ids.get(i)), "entry " + i + " was not run");
            }
        }
    }
}
