package dev.stepgym.protocol.server.openenv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.protocol.testkit.CounterGate;
import dev.stepgym.protocol.testkit.CounterProvider;
import dev.stepgym.protocol.testkit.HttpJson;
import dev.stepgym.protocol.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /openenv/{env}/…} driven by a client written to OpenEnv's wire format, over a real
 * server on loopback: the frames of trainer-contracts.md §1.3, one StepGym episode per socket,
 * recorded like any other.
 */
class OpenEnvRouteTest {
    private static final String ENV = CounterProvider.ID;
    private static final int MAX_BODY = 32 * 1024;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withMaxBodyBytes(MAX_BODY));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String base(String env) {
        return server.baseUrl() + "/openenv/" + env;
    }

    private static JsonNode observation(JsonNode frame) {
        assertEquals("observation", frame.path("type").asText(), frame.toString());
        assertEquals(List.of("type", "data"), fieldNames(frame), "no key but type and data: " + frame);
        assertEquals(List.of("observation", "reward", "done"), fieldNames(frame.path("data")), frame.toString());
        return frame.path("data");
    }

    private static JsonNode error(JsonNode frame, String code) {
        assertEquals("error", frame.path("type").asText(), frame.toString());
        assertEquals(code, frame.path("data").path("code").asText(), frame.toString());
        assertFalse(frame.path("data").path("message").asText().isBlank(), frame.toString());
        return frame.path("data");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void resetStepStateAndCloseFollowOpenEnvsFrames() throws Exception {
        String stepgymId;
        try (OpenEnvWireClient client = new OpenEnvWireClient(base(ENV))) {
            JsonNode reset = observation(client.reset(Map.of("task", "target-2", "seed", 5, "episode_id", "ep-1",
                    "options", Map.of("start", 0), "prompt", "a dataset column")));
            assertTrue(reset.path("reward").isNull(), reset.toString());
            assertFalse(reset.path("done").asBoolean());
            JsonNode obs = reset.path("observation");
            assertEquals("count=0 target=2", obs.path("text").asText());
            assertEquals(0, obs.path("data").path("count").asInt());
            JsonNode meta = obs.path("metadata");
            stepgymId = meta.path("episode_id").asText();
            assertTrue(stepgymId.startsWith("ep-") && !stepgymId.equals("ep-1"), meta.toString());
            assertEquals("target-2", meta.path("info").path("task").asText());
            assertEquals(5, meta.path("info").path("seed").asInt());
            assertEquals(300, meta.path("lease_seconds").asInt());
            assertEquals("[\"prompt\"]", meta.path("ignored_reset_keys").toString(), "keys reset does not take are dropped, and said so");

            JsonNode inc = observation(client.step(Map.of("text", "inc")));
            assertEquals(1.0, inc.path("reward").asDouble());
            assertFalse(inc.path("done").asBoolean());
            JsonNode incMeta = inc.path("observation").path("metadata");
            assertEquals(1, incMeta.path("step").asInt());
            assertEquals("progress", incMeta.path("rewards").get(0).path("name").asText(), "the typed components travel too");
            assertEquals("step", incMeta.path("rewards").get(0).path("kind").asText());
            assertTrue(incMeta.path("state_hash").asText().startsWith("sha256:"));

            JsonNode add = observation(client.step(Map.of("tool", "add", "arguments", Map.of("amount", 1), "metadata", Map.of())));
            assertEquals("count=2 target=2", add.path("observation").path("text").asText());

            JsonNode state = client.state();
            assertEquals("state", state.path("type").asText(), state.toString());
            assertEquals("ep-1", state.path("data").path("episode_id").asText(), "the client's episode_id is kept as an alias");
            assertEquals(2, state.path("data").path("step_count").asInt());
            assertEquals(stepgymId, state.path("data").path("stepgym_episode_id").asText());
            assertEquals(add.path("observation").path("metadata").path("state_hash"), state.path("data").path("state_hash"));

            JsonNode done = observation(client.step(Map.of("text", "done")));
            assertTrue(done.path("done").asBoolean());
            assertEquals(1.0, done.path("reward").asDouble());
            assertTrue(done.path("observation").path("metadata").path("terminated").asBoolean());
            assertFalse(done.path("observation").path("metadata").path("truncated").asBoolean());

            JsonNode after = error(client.step(Map.of("text", "inc")), "SESSION_ERROR");
            assertEquals("EPISODE_DONE", after.path("stepgym_code").asText());

            client.sendClose();
            assertEquals(1000, client.awaitClosedByServer(), "close closes the socket");
            assertNull(client.poll(200), "close has no reply");
        }
        Trajectory trajectory = awaitEnd(server.recordDir(), stepgymId);
        assertEquals(3, trajectory.steps().size());
        assertEquals(TrajectoryRecord.End.CLOSED, trajectory.end().reason());
        assertEquals(0, server.manager().openEpisodes(ENV));
    }

    @Test
    void twoSocketsAreTwoSessionsAndAResetReplacesTheSocketsEpisode() throws Exception {
        try (OpenEnvWireClient a = new OpenEnvWireClient(base(ENV)); OpenEnvWireClient b = new OpenEnvWireClient(base(ENV))) {
            String first = observation(a.reset(Map.of("task", "target-3"))).path("observation").path("metadata").path("episode_id").asText();
            observation(b.reset(Map.of("task", "target-1")));
            observation(a.step(Map.of("text", "inc")));
            JsonNode bDone = observation(b.step(Map.of("text", "inc")));
            observation(a.step(Map.of("text", "inc")));
            assertEquals("count=1 target=1", bDone.path("observation").path("text").asText());
            assertEquals(2, a.state().path("data").path("step_count").asInt());
            assertEquals(1, b.state().path("data").path("step_count").asInt());

            JsonNode again = observation(a.reset(Map.of("task", "target-4")));
            String second = again.path("observation").path("metadata").path("episode_id").asText();
            assertNotEquals(first, second);
            assertEquals(0, a.state().path("data").path("step_count").asInt());
            Trajectory replaced = awaitEnd(server.recordDir(), first);
            assertEquals(2, replaced.steps().size(), "the first episode ended when the socket reset");
            assertEquals(TrajectoryRecord.End.CLOSED, replaced.end().reason());
        }
    }

    @Test
    void repliesComeInOrderOfTheMessages() {
        try (OpenEnvWireClient client = new OpenEnvWireClient(base(ENV))) {
            client.send("reset", Map.of("task", "target-5"));
            for (int i = 0; i < 20; i++) {
                client.send("step", Map.of("text", i % 2 == 0 ? "inc" : "add[2]"));
            }
            client.sendRaw("{\"type\":\"state\"}");
            observation(client.next());
            int count = 0;
            for (int i = 0; i < 20; i++) {
                JsonNode step = client.next();
                count += i % 2 == 0 ? 1 : 2;
                JsonNode obs = observation(step).path("observation");
                assertEquals(i + 1, obs.path("metadata").path("step").asInt(), step.toString());
                assertEquals(count, obs.path("data").path("count").asInt(), step.toString());
                if (i == 19) {
                    assertTrue(step.path("data").path("done").asBoolean(), "the step limit (20) truncates: " + step);
                    assertTrue(obs.path("metadata").path("truncated").asBoolean());
                }
            }
            assertEquals(20, client.next().path("data").path("step_count").asInt());
        }
    }

    @Test
    void badMessagesGetOpenEnvErrorFramesAndTheSocketGoesOn() {
        try (OpenEnvWireClient client = new OpenEnvWireClient(base(ENV))) {
            client.sendRaw("{not json");
            error(client.next(), "INVALID_JSON");
            client.sendRaw("[1,2]");
            error(client.next(), "INVALID_JSON");
            client.sendRaw("{\"type\":\"jump\",\"data\":{}}");
            assertTrue(error(client.next(), "UNKNOWN_TYPE").path("message").asText().contains("jump"));
            client.sendRaw("{\"data\":{}}");
            error(client.next(), "UNKNOWN_TYPE");

            error(client.step(Map.of("text", "inc")), "SESSION_ERROR");
            client.sendRaw("{\"type\":\"step\"}");
            error(client.next(), "VALIDATION_ERROR");
            JsonNode extra = error(client.step(Map.of("bogus", 1)), "VALIDATION_ERROR");
            assertEquals("extra_forbidden", extra.path("errors").get(0).path("type").asText(), extra.toString());
            assertEquals("bogus", extra.path("errors").get(0).path("loc").get(0).asText());
            error(client.step(Map.of("text", 7)), "VALIDATION_ERROR");
            error(client.step(Map.of("text", "inc", "tool", "inc")), "VALIDATION_ERROR");
            client.sendRaw("{\"type\":\"reset\",\"data\":{},\"id\":\"c1\"}");
            assertEquals("id", error(client.next(), "VALIDATION_ERROR").path("errors").get(0).path("loc").get(0).asText());
            client.sendRaw("{\"type\":\"reset\",\"data\":[1]}");
            error(client.next(), "VALIDATION_ERROR");
            error(client.reset(Map.of("seed", "seven")), "VALIDATION_ERROR");
            error(client.reset(Map.of("episode_id", 12)), "VALIDATION_ERROR");
            JsonNode unknownTask = error(client.reset(Map.of("task", "target-77")), "VALIDATION_ERROR");
            assertEquals("UNKNOWN_TASK", unknownTask.path("stepgym_code").asText());
            error(client.reset(Map.of("options", Map.of("max_steps", -1))), "VALIDATION_ERROR");

            JsonNode tooLarge = error(client.step(Map.of("text", "x".repeat(MAX_BODY + 10))), "VALIDATION_ERROR");
            assertEquals("TOO_LARGE", tooLarge.path("stepgym_code").asText());

            JsonNode mcp = client.call("mcp", Map.of("jsonrpc", "2.0", "id", 4, "method", "tools/list"));
            assertEquals("mcp", mcp.path("type").asText(), mcp.toString());
            assertEquals(-32601, mcp.path("data").path("error").path("code").asInt());
            assertEquals(4, mcp.path("data").path("id").asInt());

            // An action the environment cannot parse is a step, as on /v1, not an error frame.
            observation(client.reset(Map.of("task", "target-1")));
            JsonNode invalid = observation(client.step(Map.of("text", "fly")));
            assertFalse(invalid.path("observation").path("last_action_error").asText().isBlank());
            assertEquals("invalid_action", invalid.path("observation").path("metadata").path("rewards").get(0).path("name").asText());
            assertEquals(1, observation(client.step(Map.of("text", "inc"))).path("reward").asInt(), "still serving");
        }
    }

    @Test
    void anUnknownEnvironmentGetsAFactoryErrorAndTheSocketCloses() {
        try (OpenEnvWireClient client = new OpenEnvWireClient(base("nope-v1"))) {
            JsonNode failure = error(client.next(), "FACTORY_ERROR");
            assertEquals("nope-v1", failure.path("factory_name").asText());
            assertTrue(failure.path("message").asText().contains(ENV), "names the registered environments: " + failure);
            client.awaitClosedByServer();
        }
        HttpJson http = new HttpJson(server.baseUrl());
        HttpJson.Reply health = http.get("/openenv/nope-v1/health");
        assertEquals(404, health.status(), health.body());
        assertEquals("UNKNOWN_ENV", health.errorCode());
        CompletionException wrongPath = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(server.wsUrl().replace("/v1/ws", "/openenv/" + ENV + "/wss")), new java.net.http.WebSocket.Listener() {
                }).join());
        assertInstanceOf(WebSocketHandshakeException.class, wrongPath.getCause());
    }

    @Test
    void aDroppedSocketClosesItsEpisode() throws Exception {
        OpenEnvWireClient client = new OpenEnvWireClient(base(ENV));
        String id = observation(client.reset(Map.of("task", "target-2"))).path("observation").path("metadata").path("episode_id").asText();
        observation(client.step(Map.of("text", "inc")));
        client.abort();
        Trajectory trajectory = awaitEnd(server.recordDir(), id);
        assertEquals(1, trajectory.steps().size());
        assertEquals(TrajectoryRecord.End.CLOSED, trajectory.end().reason());
    }

    @Test
    void healthSchemaAndMetadataHaveOpenEnvsShapes() {
        HttpJson http = new HttpJson(base(ENV));
        HttpJson.Reply health = http.get("/health");
        assertEquals(200, health.status(), health.body());
        assertEquals("{\"status\":\"healthy\"}", health.json().toString());

        JsonNode schema = http.get("/schema").json();
        assertEquals(List.of("action", "observation", "state"), fieldNames(schema));
        JsonNode forms = schema.path("action").path("anyOf");
        assertEquals("text", forms.get(0).path("required").get(0).asText());
        JsonNode add = null;
        for (JsonNode form : forms) {
            if ("add".equals(form.path("properties").path("tool").path("const").asText())) {
                add = form;
            }
        }
        assertTrue(add != null, "one branch per tool: " + forms);
        assertEquals("integer", add.path("properties").path("arguments").path("properties").path("amount").path("type").asText());
        assertTrue(schema.path("observation").path("properties").has("metadata"));
        assertTrue(schema.path("state").path("properties").has("step_count"));

        JsonNode metadata = http.get("/metadata").json();
        assertEquals(List.of("name", "description", "readme_content", "version", "author", "documentation_url"), fieldNames(metadata));
        assertEquals(ENV, metadata.path("name").asText());
        assertEquals("v1", metadata.path("version").asText());

        HttpJson.Reply plainGet = http.get("/ws");
        assertEquals(400, plainGet.status(), plainGet.body());
        assertEquals("BAD_REQUEST", plainGet.errorCode());
    }

    @Test
    void aFullEnvironmentAnswersCapacityReachedAndTheSocketStaysUsable() {
        try (TestServer small = TestServer.start(c -> c.withCapacity(ENV, 1));
             OpenEnvWireClient a = new OpenEnvWireClient(small.baseUrl() + "/openenv/" + ENV);
             OpenEnvWireClient b = new OpenEnvWireClient(small.baseUrl() + "/openenv/" + ENV)) {
            observation(a.reset(Map.of()));
            JsonNode full = error(b.reset(Map.of()), "CAPACITY_REACHED");
            assertEquals(1, full.path("active_sessions").asInt(), full.toString());
            assertEquals(1, full.path("max_sessions").asInt());
            a.sendClose();
            a.awaitClosedByServer();
            JsonNode reset = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reset == null || "error".equals(reset.path("type").asText())) {
                assertTrue(System.nanoTime() < deadline, "the slot never came back: " + reset);
                reset = b.reset(Map.of());
            }
            observation(reset);
        }
    }

    @Test
    void shutdownRefusesNewSocketsAndRecordsTheOpenEpisodes(@TempDir Path records) throws Exception {
        ServerConfig config = ServerConfig.defaults().withPort(0).withRecordDir(records).withWorkerThreads(4)
                .withLimits(l -> l.withShutdownGraceSeconds(30));
        RunningServer running = RunningServer.start(config, EnvironmentRegistry.discover());
        String base = running.baseUrl() + "/openenv/" + ENV;
        CompletableFuture<Void> closing = null;
        String busy;
        String idle;
        try (OpenEnvWireClient a = new OpenEnvWireClient(base); OpenEnvWireClient b = new OpenEnvWireClient(base)) {
            busy = observation(a.reset(Map.of())).path("observation").path("metadata").path("episode_id").asText();
            idle = observation(b.reset(Map.of())).path("observation").path("metadata").path("episode_id").asText();
            CounterGate.close();
            a.send("step", Map.of("text", "block"));
            assertTrue(CounterGate.awaitBlocked(30, TimeUnit.SECONDS), "the step is running");
            closing = CompletableFuture.runAsync(running::close);
            awaitRefusedSocket(base);
            assertEquals("SHUTTING_DOWN", error(b.step(Map.of("text", "inc")), "SESSION_ERROR").path("stepgym_code").asText());
            CounterGate.open();
            observation(a.next());
            closing.get(30, TimeUnit.SECONDS);
        } finally {
            CounterGate.open();
            if (closing == null) {
                running.close();
            }
        }
        Trajectory busyTrajectory = TrajectoryReader.read(records.resolve(ENV).resolve(busy + ".jsonl"));
        assertEquals(1, busyTrajectory.steps().size(), "the running step finished and was recorded");
        assertEquals(TrajectoryRecord.End.SHUTDOWN, busyTrajectory.end().reason());
        assertEquals(TrajectoryRecord.End.SHUTDOWN, TrajectoryReader.read(records.resolve(ENV).resolve(idle + ".jsonl")).end().reason());
    }

    /** A new OpenEnv socket is refused (503 at the upgrade) once intake has stopped (polled, bounded). */
    private static void awaitRefusedSocket(String base) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (OpenEnvWireClient ignored = new OpenEnvWireClient(base)) {
                Thread.sleep(20);
            } catch (CompletionException e) {
                assertInstanceOf(WebSocketHandshakeException.class, e.getCause(), e.toString());
                assertEquals(503, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
                return;
            }
        }
        throw new AssertionError("new OpenEnv sockets were still accepted during the shutdown");
    }

    /** The episode's trajectory once its end line is written (the close runs after the socket's). */
    private static Trajectory awaitEnd(Path records, String episodeId) throws Exception {
        Path file = records.resolve(ENV).resolve(episodeId + ".jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            if (Files.exists(file)) {
                Trajectory trajectory = TrajectoryReader.read(file);
                if (trajectory.end() != null) {
                    return trajectory;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("episode " + episodeId + " has no end line");
            }
            Thread.sleep(20);
        }
    }
}
