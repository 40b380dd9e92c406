package dev.stepgym.agents.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both transports against a real StepGym server on loopback with the toy {@code counter-v1} environment. */
class ClientEndToEndTest {
    private static final String COUNTER = "counter-v1";
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(config -> config.withAllowPrivileged(true));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static EpisodeTransport open(String kind) {
        return kind.equals("http") ? StepGymClient.connect(server.baseUrl()) : StepGymSocket.connect(server.wsUrl());
    }

    private static double progress(StepResult result) {
        return result.rewards().stream().filter(c -> c.name().equals("progress")).mapToDouble(RewardComponent::value).sum();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "ws"})
    void healthAndEnvs(String kind) {
        try (EpisodeTransport transport = open(kind)) {
            assertEquals("ok", transport.health().get("status"));
            EnvSpec counter = transport.envs().stream().filter(e -> e.id().equals(COUNTER)).findFirst().orElseThrow();
            assertEquals(List.of("inc", "dec", "add", "done"), counter.tools().stream().map(t -> t.name()).toList());
            assertTrue(counter.rewardComponents().contains("invalid_action"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "ws"})
    void playsAnEpisodeToItsEndAndClosesIt(String kind) {
        try (EpisodeTransport transport = open(kind)) {
            ResetResult reset = transport.reset(COUNTER, "target-2", 5L, Map.of("privileged", true));
            assertEquals("target-2", reset.info().get("task"));
            assertEquals(Map.of("target", 2), reset.info().get("goal"));
            assertTrue(reset.stateHash().startsWith("sha256:"), reset.stateHash());
            assertTrue(reset.leaseSeconds() > 0);
            assertEquals(List.of("inc", "dec", "add[n]", "done"), reset.observation().availableActions());

            StepResult first = transport.step(reset.episodeId(), Action.text("inc"));
            assertEquals(1, first.step());
            assertEquals(1.0, progress(first));
            assertEquals(RewardComponent.total(first.rewards()), first.reward(), 1e-12);
            StepResult second = transport.step(reset.episodeId(), Action.tool("add", Map.of("amount", 1)));
            assertEquals(2, second.step());
            assertEquals(Map.of("count", 2), second.observation().data());
            StepResult done = transport.step(reset.episodeId(), Action.text("done"));
            assertTrue(done.terminated());
            assertFalse(done.truncated());
            RewardComponent success = done.rewards().get(0);
            assertEquals("success", success.name());
            assertEquals(RewardKind.OUTCOME, success.kind());
            assertEquals(1.0, success.value());

            StepGymClientException over = assertThrows(StepGymClientException.class, () -> transport.step(reset.episodeId(), Action.text("inc")));
            assertEquals(ErrorCode.EPISODE_DONE, over.code());
            assertEquals(409, over.httpStatus());

            EpisodeClosed closed = transport.close(reset.episodeId());
            assertEquals(reset.episodeId(), closed.episodeId());
            assertEquals(3, closed.steps());
            assertEquals(first.reward() + second.reward() + done.reward(), closed.totalReturn(), 1e-9);
            assertEquals(true, closed.outcome().get("success"));
            assertEquals(closed.steps(), transport.close(reset.episodeId()).steps(), "close is idempotent");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "ws"})
    void invalidActionIsAnObservationWithAPenaltyNotAnError(String kind) {
        try (EpisodeTransport transport = open(kind)) {
            ResetResult reset = transport.reset(COUNTER, "target-1", 1L, null);
            StepResult result = transport.step(reset.episodeId(), Action.text("jump[high]"));
            assertNotNull(result.observation().lastActionError());
            assertTrue(result.observation().lastActionError().contains("jump[high]"));
            RewardComponent penalty = result.rewards().get(0);
            assertEquals("invalid_action", penalty.name());
            assertEquals(RewardKind.PENALTY, penalty.kind());
            assertTrue(result.reward() < 0);
            StepResult next = transport.step(reset.episodeId(), Action.text("inc"));
            assertNull(next.observation().lastActionError());
            transport.close(reset.episodeId());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "ws"})
    void forkIsIndependentOfItsParent(String kind) {
        try (EpisodeTransport transport = open(kind)) {
            ResetResult parent = transport.reset(COUNTER, "target-5", 2L, null);
            StepResult before = transport.step(parent.episodeId(), Action.text("inc"));
            ResetResult fork = transport.fork(parent.episodeId());
            assertNotEquals(parent.episodeId(), fork.episodeId());
            assertEquals(before.stateHash(), fork.stateHash(), "a fork starts in its parent's state");
            assertEquals(Map.of("count", 1), fork.observation().data());

            StepResult forkStep = transport.step(fork.episodeId(), Action.text("dec"));
            StepResult parentStep = transport.step(parent.episodeId(), Action.text("inc"));
            assertEquals(Map.of("count", 0), forkStep.observation().data());
            assertEquals(Map.of("count", 2), parentStep.observation().data());
            transport.close(fork.episodeId());
            transport.close(parent.episodeId());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "ws"})
    void batchStepAnswersEachEntryInOrderAndAFailingEntryAlone(String kind) {
        try (EpisodeTransport transport = open(kind)) {
            ResetResult a = transport.reset(COUNTER, "target-3", 1L, null);
            ResetResult b = transport.reset(COUNTER, "target-3", 1L, null);
            List<BatchStepResult> results = transport.batchStep(List.of(
                    new BatchStep(a.episodeId(), Action.text("inc")),
                    new BatchStep("no-such-episode", Action.text("inc")),
                    new BatchStep(b.episodeId(), Action.text("add[2]"))));
            assertEquals(3, results.size());
            assertEquals(Map.of("count", 1), results.get(0).orThrow().observation().data());
            assertFalse(results.get(1).ok());
            assertEquals(ErrorCode.EPISODE_NOT_FOUND, results.get(1).error().code());
            assertEquals(Map.of("count", 2), results.get(2).orThrow().observation().data());
            transport.close(a.episodeId());
            transport.close(b.episodeId());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "ws"})
    void trajectoryHoldsTheRecordedSteps(String kind) {
        try (EpisodeTransport transport = open(kind)) {
            ResetResult reset = transport.reset(COUNTER, "target-2", 3L, null);
            transport.step(reset.episodeId(), Action.text("inc"));
            transport.step(reset.episodeId(), Action.text("inc"));
            JsonNode trajectory = transport.trajectory(reset.episodeId());
            JsonNode steps = trajectory.path("steps");
            assertEquals(2, steps.size(), trajectory.toString());
            assertEquals("inc", steps.get(1).path("action").asText());
            transport.close(reset.episodeId());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "ws"})
    void misuseMapsToTypedErrors(String kind) {
        try (EpisodeTransport transport = open(kind)) {
            StepGymClientException unknownEpisode = assertThrows(StepGymClientException.class,
                    () -> transport.step("does-not-exist", Action.text("inc")));
            assertEquals(ErrorCode.EPISODE_NOT_FOUND, unknownEpisode.code());
            assertEquals(404, unknownEpisode.httpStatus());
            assertEquals(StepGymClientException.Origin.SERVER, unknownEpisode.origin());

            StepGymClientException unknownEnv = assertThrows(StepGymClientException.class, () -> transport.reset("nope-v1", null, 1L, null));
            assertEquals(ErrorCode.UNKNOWN_ENV, unknownEnv.code());
            StepGymClientException unknownTask = assertThrows(StepGymClientException.class, () -> transport.reset(COUNTER, "target-0", 1L, null));
            assertEquals(ErrorCode.UNKNOWN_TASK, unknownTask.code());
            StepGymClientException badOption = assertThrows(StepGymClientException.class,
                    () -> transport.reset(COUNTER, null, 1L, Map.of("start", "zero")));
            assertEquals(ErrorCode.BAD_REQUEST, badOption.code());
            assertEquals(400, badOption.httpStatus());
            assertThrows(StepGymClientException.class, () -> transport.fork("does-not-exist"));
            assertThrows(StepGymClientException.class, () -> transport.trajectory("does-not-exist"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "ws"})
    void sameSeedAndActionsGiveTheSameStateHashes(String kind) {
        try (EpisodeTransport transport = open(kind)) {
            List<List<String>> runs = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                ResetResult reset = transport.reset(COUNTER, null, 42L, null);
                List<String> hashes = new ArrayList<>(List.of(reset.stateHash()));
                for (String action : List.of("inc", "add[3]", "dec")) {
                    hashes.add(transport.step(reset.episodeId(), Action.text(action)).stateHash());
                }
                transport.close(reset.episodeId());
                runs.add(hashes);
            }
            assertEquals(runs.get(0), runs.get(1));
        }
    }

    @Test
    void thirtyTwoEpisodesInterleavedOverOneSocket() throws Exception {
        int episodes = 32;
        try (StepGymSocket socket = StepGymSocket.connect(server.wsUrl())) {
            List<CompletableFuture<ResetResult>> resets = new ArrayList<>();
            for (int i = 0; i < episodes; i++) {
                resets.add(socket.resetAsync(new ResetParams(COUNTER, "target-" + (1 + i % 9), (long) i, Map.of())));
            }
            List<String> ids = new ArrayList<>();
            for (CompletableFuture<ResetResult> reset : resets) {
                ids.add(reset.get(30, TimeUnit.SECONDS).episodeId());
            }
            assertEquals(episodes, ids.stream().distinct().count());
            // Episode i takes i % 5 + 1 increments; every round sends one step to every episode still
            // going, all in flight at once, so the frames of different episodes interleave.
            for (int round = 1; round <= 5; round++) {
                List<CompletableFuture<StepResult>> steps = new ArrayList<>();
                List<Integer> stepped = new ArrayList<>();
                for (int i = 0; i < episodes; i++) {
                    if (round <= i % 5 + 1) {
                        steps.add(socket.stepAsync(ids.get(i), Action.text("inc")));
                        stepped.add(i);
                    }
                }
                for (int k = 0; k < steps.size(); k++) {
                    StepResult result = steps.get(k).get(30, TimeUnit.SECONDS);
                    assertEquals(Map.of("count", round), result.observation().data(), "episode " + stepped.get(k));
                    assertEquals(round, result.step());
                }
            }
            List<CompletableFuture<EpisodeClosed>> closes = new ArrayList<>();
            ids.forEach(id -> closes.add(socket.closeAsync(id)));
            for (int i = 0; i < episodes; i++) {
                EpisodeClosed closed = closes.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(ids.get(i), closed.episodeId());
                assertEquals(i % 5 + 1, closed.steps());
            }
            assertEquals(0, socket.pendingRequests());
        }
        assertEquals(0, server.manager().openEpisodes(COUNTER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "ws"})
    void capacityRefusalIsTypedAndRetriedWhenAllowed(String kind) {
        try (TestServer small = TestServer.start(config -> config.withCapacity(COUNTER, 1));
             EpisodeTransport transport = kind.equals("http") ? StepGymClient.connect(small.baseUrl()) : StepGymSocket.connect(small.wsUrl())) {
            ResetResult only = transport.reset(COUNTER, null, 1L, null);
            StepGymClientException full = assertThrows(StepGymClientException.class, () -> transport.reset(COUNTER, null, 2L, null));
            assertTrue(full.isCapacity(), full.getMessage());
            assertEquals(429, full.httpStatus());
            transport.close(only.episodeId());
            assertNotNull(transport.reset(COUNTER, null, 2L, null).episodeId());
        }
    }
}
