package dev.stepgym.protocol.server;

import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.testkit.CounterFactory;
import dev.stepgym.protocol.testkit.CounterProvider;
import dev.stepgym.protocol.testkit.HttpJson;
import dev.stepgym.protocol.testkit.HttpJson.Reply;
import dev.stepgym.protocol.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Leases, admission and shutdown over HTTP. */
class LeaseAndCapacityTest {
    private static final String ENV = CounterProvider.ID;

    @Test
    void idleEpisodesExpireAndAreReleased() throws Exception {
        String instance = "lease-" + UUID.randomUUID();
        try (TestServer server = TestServer.start(c -> c.withLeaseSeconds(1).withEnvSettings(ENV, Map.of("instance", instance)))) {
            HttpJson http = new HttpJson(server.baseUrl());
            Reply reset = http.postJson("/v1/episodes", Map.of("env", ENV, "task", "target-1"));
            assertEquals(1, reset.json().path("lease_seconds").asInt());
            String id = reset.json().path("episode_id").asText();
            EpisodeManagerTest.waitUntil(() -> server.manager().openEpisodes() == 0);
            assertEquals(0, CounterFactory.instance(instance).orElseThrow().liveEpisodes());
            Reply late = http.postJson("/v1/episodes/" + id + "/step", Map.of("action", "inc"));
            assertEquals(404, late.status());
            assertEquals("EPISODE_NOT_FOUND", late.errorCode());
            assertTrue(late.json().path("error").path("message").asText().contains("expired"), late.body());
            assertEquals("expired", http.get("/v1/episodes/" + id + "/trajectory").json().path("end").path("reason").asText());
        }
    }

    @Test
    void pastCapacityIs429WithRetryAfter() {
        try (TestServer server = TestServer.start(c -> c.withCapacity(ENV, 1))) {
            HttpJson http = new HttpJson(server.baseUrl());
            String id = http.postJson("/v1/episodes", Map.of("env", ENV)).json().path("episode_id").asText();
            Reply full = http.postJson("/v1/episodes", Map.of("env", ENV));
            assertEquals(429, full.status(), full.body());
            assertEquals("CAPACITY", full.errorCode());
            int retryAfter = Integer.parseInt(full.header("retry-after").orElseThrow());
            assertTrue(retryAfter >= 1);
            assertEquals(retryAfter, full.json().path("error").path("retry_after_seconds").asInt());
            assertEquals(429, http.post("/v1/episodes/" + id + "/fork", null).status());
            assertEquals(200, http.delete("/v1/episodes/" + id).status());
            assertEquals(201, http.postJson("/v1/episodes", Map.of("env", ENV)).status(), "capacity is free again");
        }
    }

    @Test
    void shutdownWritesEndLinesForOpenEpisodes() {
        try (TestServer server = TestServer.start()) {
            HttpJson http = new HttpJson(server.baseUrl());
            String id = http.postJson("/v1/episodes", Map.of("env", ENV)).json().path("episode_id").asText();
            http.postJson("/v1/episodes/" + id + "/step", Map.of("action", "inc"));
            server.manager().close();
            Trajectory t = TrajectoryReader.read(server.recordDir().resolve(ENV).resolve(id + ".jsonl"));
            assertEquals(1, t.steps().size());
            assertEquals("shutdown", t.end().reason());
            assertEquals(1, t.end().steps());
        }
    }
}
