package dev.stepgym.protocol.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.testkit.CounterProvider;
import dev.stepgym.protocol.testkit.HttpJson;
import dev.stepgym.protocol.testkit.HttpJson.Reply;
import dev.stepgym.protocol.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP routes of DESIGN.md §2 over a real server on loopback. */
class HttpApiTest {
    private static final String ENV = CounterProvider.ID;
    private static TestServer server;
    private static HttpJson http;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withMaxBodyBytes(64 * 1024).withCapacity(ENV, 50));
        http = new HttpJson(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every bad input must leave the server serving. */
    @AfterEach
    void stillServing() {
        Reply health = http.get("/v1/health");
        assertEquals(200, health.status());
        assertEquals("ok", health.json().path("status").asText());
    }

    private static String reset(String task, long seed) {
        Reply reply = http.postJson("/v1/episodes", Map.of("env", ENV, "task", task, "seed", seed));
        assertEquals(201, reply.status(), reply.body());
        return reply.json().path("episode_id").asText();
    }

    private static Reply step(String id, Object action) {
        return http.postJson("/v1/episodes/" + id + "/step", Map.of("action", action));
    }

    private static void assertError(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(code, reply.errorCode(), reply.body());
        assertFalse(reply.json().path("error").path("message").asText().isBlank(), reply.body());
        assertTrue(reply.header("content-type").orElse("").startsWith("application/json"));
    }

    @Test
    void healthAndEnvs() {
        Reply health = http.get("/v1/health");
        assertTrue(health.json().has("version"));
        Reply envs = http.get("/v1/envs");
        assertEquals(200, envs.status());
        JsonNode counter = envs.json().path("envs").get(0);
        assertEquals(ENV, counter.path("id").asText());
        assertEquals("text", counter.path("action_format").asText());
        assertEquals(20, counter.path("max_steps").asInt());
        assertEquals("inc", counter.path("tools").get(0).path("name").asText());
        assertEquals("progress", counter.path("reward_components").get(0).asText());
    }

    @Test
    void resetStepForkCloseAndTrajectory() {
        Reply reset = http.postJson("/v1/episodes", Map.of("env", ENV, "task", "target-2", "seed", 3, "options", Map.of("start", 1)));
        assertEquals(201, reset.status(), reset.body());
        String id = reset.json().path("episode_id").asText();
        assertEquals("count=1 target=2", reset.json().path("observation").path("text").asText());
        assertEquals(List.of("inc", "dec", "add[n]", "done"),
                Json.list(reset.json().path("observation").path("available_actions")));
        assertEquals(ENV, reset.json().path("info").path("env").asText());
        assertEquals(3, reset.json().path("info").path("seed").asLong());
        assertEquals(300, reset.json().path("lease_seconds").asInt());
        assertTrue(reset.json().path("state_hash").asText().startsWith("sha256:"));

        Reply step = step(id, Map.of("tool", "inc", "arguments", Map.of()));
        assertEquals(200, step.status(), step.body());
        JsonNode result = step.json();
        assertEquals(1.0, result.path("reward").asDouble());
        assertEquals(1, result.path("step").asInt());
        assertFalse(result.path("terminated").asBoolean());
        assertFalse(result.path("truncated").asBoolean());
        JsonNode component = result.path("rewards").get(0);
        assertEquals("progress", component.path("name").asText());
        assertEquals("step", component.path("kind").asText());
        assertEquals("env:counter", component.path("source").asText());
        assertFalse(result.path("observation").has("last_action_error"), "absent when the action was fine");

        Reply fork = http.post("/v1/episodes/" + id + "/fork", null);
        assertEquals(201, fork.status(), fork.body());
        String child = fork.json().path("episode_id").asText();
        assertEquals(result.path("state_hash").asText(), fork.json().path("state_hash").asText());
        assertEquals(id, fork.json().path("info").path("parent_episode_id").asText());
        assertEquals(2, step(child, "inc").json().path("step").asInt());

        Reply done = step(id, "done");
        assertTrue(done.json().path("terminated").asBoolean());
        assertError(step(id, "inc"), 409, "EPISODE_DONE");

        Reply closed = http.delete("/v1/episodes/" + id);
        assertEquals(200, closed.status(), closed.body());
        assertEquals(id, closed.json().path("episode_id").asText());
        assertEquals(2, closed.json().path("steps").asInt());
        assertEquals(2.0, closed.json().path("return").asDouble());
        assertTrue(closed.json().path("outcome").path("success").asBoolean());
        Reply again = http.delete("/v1/episodes/" + id);
        assertEquals(200, again.status());
        assertEquals(closed.json(), again.json(), "DELETE is idempotent");

        Reply trajectory = http.get("/v1/episodes/" + id + "/trajectory");
        assertEquals(200, trajectory.status(), trajectory.body());
        assertEquals(id, trajectory.json().path("episode_id").asText());
        assertEquals(2, trajectory.json().path("steps").size());
        assertEquals("inc", trajectory.json().path("steps").get(0).path("action").path("tool").asText());
        assertEquals("done", trajectory.json().path("steps").get(1).path("action").asText());
        assertEquals("closed", trajectory.json().path("end").path("reason").asText());
        Reply childTrajectory = http.get("/v1/episodes/" + child + "/trajectory");
        assertEquals(id, childTrajectory.json().path("header").path("parent_episode_id").asText());
        assertTrue(childTrajectory.json().path("end").isNull(), "still open");
    }

    @Test
    void aBadActionIsAnObservationNotAnHttpError() {
        String id = reset("target-1", 1);
        Reply reply = step(id, "fly[away]");
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.json().path("observation").path("last_action_error").asText().contains("fly[away]"));
        JsonNode penalty = reply.json().path("rewards").get(0);
        assertEquals("invalid_action", penalty.path("name").asText());
        assertEquals("penalty", penalty.path("kind").asText());
        assertTrue(reply.json().path("reward").asDouble() < 0);
    }

    @Test
    void stepLimitTruncates() {
        Reply reset = http.postJson("/v1/episodes", Map.of("env", ENV, "task", "target-9", "options", Map.of("max_steps", 2)));
        String id = reset.json().path("episode_id").asText();
        assertFalse(step(id, "inc").json().path("truncated").asBoolean());
        JsonNode last = step(id, "inc").json();
        assertTrue(last.path("truncated").asBoolean());
        assertFalse(last.path("terminated").asBoolean());
        assertError(step(id, "inc"), 409, "EPISODE_DONE");
    }

    @Test
    void batchStepAnswersInOrder() {
        String a = reset("target-3", 1);
        String b = reset("target-3", 1);
        Reply reply = http.postJson("/v1/batch/step", Map.of("steps", List.of(
                Map.of("episode_id", a, "action", "inc"),
                Map.of("episode_id", "ep-nope", "action", "inc"),
                Map.of("episode_id", b, "action", Map.of("tool", "add", "arguments", Map.of("amount", 2))))));
        assertEquals(200, reply.status(), reply.body());
        JsonNode results = reply.json().path("results");
        assertEquals(3, results.size());
        assertEquals("count=1 target=3", results.get(0).path("observation").path("text").asText());
        assertEquals("EPISODE_NOT_FOUND", results.get(1).path("error").path("code").asText());
        assertEquals("count=2 target=3", results.get(2).path("observation").path("text").asText());
        assertError(http.postJson("/v1/batch/step", Map.of("steps", "all")), 400, "BAD_REQUEST");
        assertError(http.postJson("/v1/batch/step", Map.of("steps", List.of(Map.of("episode_id", a)))), 400, "BAD_REQUEST");
    }

    @Test
    void stateHashesAreDeterministicAcrossEpisodes() {
        String a = reset("target-4", 11);
        String b = reset("target-4", 11);
        for (String action : List.of("inc", "inc", "dec")) {
            assertEquals(step(a, action).json().path("state_hash"), step(b, action).json().path("state_hash"));
        }
        assertNotEquals(step(a, "inc").json().path("state_hash"), step(b, "dec").json().path("state_hash"));
    }

    @Test
    void malformedAndMistypedRequestsGetClearErrors() {
        assertError(http.post("/v1/episodes", "{\"env\": "), 400, "BAD_REQUEST");
        assertError(http.post("/v1/episodes", ""), 400, "BAD_REQUEST");
        assertError(http.post("/v1/episodes", "[1,2]"), 400, "BAD_REQUEST");
        assertError(http.postJson("/v1/episodes", Map.of("task", "target-1")), 400, "BAD_REQUEST");
        Reply stringSeed = http.postJson("/v1/episodes", Map.of("env", ENV, "seed", "42"));
        assertError(stringSeed, 400, "BAD_REQUEST");
        assertTrue(stringSeed.json().path("error").path("message").asText().contains("seed"));
        assertError(http.postJson("/v1/episodes", Map.of("env", 7)), 400, "BAD_REQUEST");
        assertError(http.postJson("/v1/episodes", Map.of("env", ENV, "options", List.of())), 400, "BAD_REQUEST");
        assertError(http.postJson("/v1/episodes", Map.of("env", "nope-v1")), 404, "UNKNOWN_ENV");
        assertError(http.postJson("/v1/episodes", Map.of("env", ENV, "task", "no-such")), 404, "UNKNOWN_TASK");

        String id = reset("target-1", 1);
        assertError(step(id, 42), 400, "BAD_REQUEST");
        assertError(step(id, List.of("inc")), 400, "BAD_REQUEST");
        assertError(step(id, Map.of("tool", "add", "arguments", "x")), 400, "BAD_REQUEST");
        assertError(http.postJson("/v1/episodes/" + id + "/step", Map.of("act", "inc")), 400, "BAD_REQUEST");
        assertError(http.post("/v1/episodes/" + id + "/step", "{\"action\": \"inc\""), 400, "BAD_REQUEST");
        assertError(step("ep-missing", "inc"), 404, "EPISODE_NOT_FOUND");
        assertError(http.delete("/v1/episodes/ep-missing"), 404, "EPISODE_NOT_FOUND");
        assertError(http.post("/v1/episodes/ep-missing/fork", null), 404, "EPISODE_NOT_FOUND");
        assertError(http.get("/v1/episodes/ep-missing/trajectory"), 404, "EPISODE_NOT_FOUND");
        assertEquals(1, step(id, "inc").json().path("step").asInt(), "the episode is unharmed by the bad requests");
    }

    @Test
    void deepNestingIsRefusedNotACrash() {
        String deep = "{\"env\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertError(http.post("/v1/episodes", deep), 400, "BAD_REQUEST");
    }

    @Test
    void unknownRoutesAndMethodsAnswerJson() {
        assertError(http.get("/v1/nothing"), 404, "NOT_FOUND");
        assertError(http.get("/"), 404, "NOT_FOUND");
        Reply wrongMethod = http.send("PUT", "/v1/episodes", "{}");
        assertEquals(405, wrongMethod.status(), wrongMethod.body());
        assertEquals("BAD_REQUEST", wrongMethod.errorCode());
        assertEquals(405, http.send("GET", "/v1/batch/step", null).status());
        assertError(http.get("/v1/ws"), 400, "BAD_REQUEST");
    }

    @Test
    void oversizedBodiesAre413() {
        String big = "{\"env\":\"" + "x".repeat(100 * 1024) + "\"}";
        assertError(http.post("/v1/episodes", big), 413, "TOO_LARGE");
        String id = reset("target-1", 1);
        assertError(http.post("/v1/episodes/" + id + "/step", "{\"action\":\"" + "y".repeat(70 * 1024) + "\"}"), 413, "TOO_LARGE");
        assertEquals(200, step(id, "inc").status());
    }

    @Test
    void anEnvironmentBugIsA500AndTheServerGoesOn() {
        String id = reset("target-1", 1);
        assertError(step(id, "crash"), 500, "INTERNAL");
        assertEquals(1, step(id, "inc").json().path("step").asInt());
    }

    @Test
    void environmentPagesAreMounted() {
        Reply home = http.get("/web/" + ENV + "/?name=%3Cb%3E");
        assertEquals(200, home.status());
        assertTrue(home.header("content-type").orElse("").startsWith("text/html"));
        assertTrue(home.body().contains("<h1>counter-v1</h1>") && home.body().contains("&lt;b&gt;"), home.body());
        assertEquals(404, http.get("/web/" + ENV + "/missing").status());
        assertError(http.get("/web/nope-v1/"), 404, "UNKNOWN_ENV");
    }

    /** Small JSON helpers. */
    private static final class Json {
        static List<String> list(JsonNode array) {
            java.util.ArrayList<String> values = new java.util.ArrayList<>();
            array.forEach(node -> values.add(node.asText()));
            return values;
        }
    }
}
