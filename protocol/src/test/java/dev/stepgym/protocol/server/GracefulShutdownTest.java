package dev.stepgym.protocol.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.protocol.testkit.CounterGate;
import dev.stepgym.protocol.testkit.CounterProvider;
import dev.stepgym.protocol.testkit.HttpJson;
import dev.stepgym.protocol.testkit.HttpJson.Reply;
import dev.stepgym.protocol.testkit.WsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, item 2, in one JVM: closing the server (what SIGTERM does) first stops intake — new
 * requests and frames answer 503 SHUTTING_DOWN — then lets a running step finish and answer, and
 * only then writes the end lines and closes the connections.
 */
class GracefulShutdownTest {
    private static final String ENV = CounterProvider.ID;

    @Test
    void shutdownRefusesNewWorkLetsRunningStepsFinishThenWritesEndLines(@TempDir Path records) throws Exception {
        ServerConfig config = ServerConfig.defaults().withPort(0).withRecordDir(records).withWorkerThreads(4)
                .withLimits(l -> l.withShutdownGraceSeconds(30));
        RunningServer server = RunningServer.start(config, EnvironmentRegistry.discover());
        CompletableFuture<Void> closing = null;
        HttpJson http = new HttpJson(server.baseUrl());
        String busy = reset(http);
        String idle = reset(http);
        try (WsJson ws = new WsJson(server.wsUrl())) {
            CounterGate.close();
            CompletableFuture<Reply> blocked = CompletableFuture.supplyAsync(() ->
                    http.postJson("/v1/episodes/" + busy + "/step", Map.of("action", "block")));
            assertTrue(CounterGate.awaitBlocked(30, TimeUnit.SECONDS), "the step is running");

            closing = CompletableFuture.runAsync(server::close);
            Reply refused = awaitRefusal(http);
            assertEquals("SHUTTING_DOWN", refused.errorCode(), refused.body());
            assertEquals(503, http.postJson("/v1/episodes", Map.of("env", ENV)).status());
            JsonNode frame = ws.call("step", Map.of("episode_id", idle, "action", "inc"));
            assertFalse(frame.path("ok").asBoolean(), frame.toString());
            assertEquals("SHUTTING_DOWN", frame.path("error").path("code").asText(), "with its id: " + frame);
            assertFalse(closing.isDone(), "the shutdown waits for the running step");

            CounterGate.open();
            Reply answered = blocked.get(30, TimeUnit.SECONDS);
            assertEquals(200, answered.status(), "the running step finishes and is answered: " + answered.body());
            closing.get(30, TimeUnit.SECONDS);
        } finally {
            CounterGate.open();
            if (closing == null) {
                server.close();
            }
        }
        Trajectory busyTrajectory = TrajectoryReader.read(records.resolve(ENV).resolve(busy + ".jsonl"));
        assertEquals(1, busyTrajectory.steps().size(), "the step that ran during the shutdown is recorded");
        assertEquals("block", busyTrajectory.steps().get(0).action().text());
        assertNotNull(busyTrajectory.end());
        assertEquals(TrajectoryRecord.End.SHUTDOWN, busyTrajectory.end().reason());
        assertEquals(1, busyTrajectory.end().steps());
        Trajectory idleTrajectory = TrajectoryReader.read(records.resolve(ENV).resolve(idle + ".jsonl"));
        assertEquals(0, idleTrajectory.steps().size(), "the refused step left no line");
        assertEquals(TrajectoryRecord.End.SHUTDOWN, idleTrajectory.end().reason());
    }

    private static String reset(HttpJson http) {
        Reply reply = http.postJson("/v1/episodes", Map.of("env", ENV, "seed", 2));
        assertEquals(201, reply.status(), reply.body());
        return reply.json().path("episode_id").asText();
    }

    /** Health answers 503 SHUTTING_DOWN once intake has stopped (polled, bounded). */
    private static Reply awaitRefusal(HttpJson http) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Reply last = null;
        while (System.nanoTime() < deadline) {
            last = http.get("/v1/health");
            if (last.status() != 200) {
                assertEquals(503, last.status(), last.body());
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("intake never stopped; last health answer: " + (last == null ? null : last.body()));
    }
}
