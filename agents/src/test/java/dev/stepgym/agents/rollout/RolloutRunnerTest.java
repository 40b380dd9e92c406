package dev.stepgym.agents.rollout;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.AgentConfig;
import dev.stepgym.agents.Agents;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.agents.baseline.RandomAgent;
import dev.stepgym.agents.baseline.ReplayAgent;
import dev.stepgym.agents.client.EpisodeTransport;
import dev.stepgym.agents.client.StepGymClient;
import dev.stepgym.agents.client.StepGymSocket;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rollout runner against a real server with {@code counter-v1}. */
class RolloutRunnerTest {
    private static final String COUNTER = "counter-v1";
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Records every callback, per episode, in the order it came. */
    private static final class RecordingListener implements StepListener {
        final Map<Integer, List<String>> events = new ConcurrentHashMap<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger steps = new AtomicInteger();

        private void log(int index, String event) {
            events.computeIfAbsent(index, i -> Collections.synchronizedList(new ArrayList<>())).add(event);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void onReset(int index, EpisodeSpec spec, ResetResult reset) {
            log(index, "reset");
        }

        @Override
        public void onStep(int index, int step, Action action, StepResult result) {
            steps.incrementAndGet();
            log(index, "step " + step);
        }

        @Override
        public void onEnd(int index, EpisodeReport report) {
            log(index, "end");
        }
    }

    @Test
    void runsEpisodesConcurrentlyOverOneSocketAndReportsEach() {
        List<EpisodeSpec> specs = EpisodeSpec.seeds(COUNTER, 100, 24);
        RecordingListener listener = new RecordingListener();
        List<EpisodeReport> reports;
        try (StepGymSocket socket = StepGymSocket.connect(server.wsUrl())) {
            reports = new RolloutRunner(socket, RolloutOptions.concurrency(8)).run(specs, new RandomAgent(5), listener);
        }
        assertEquals(24, reports.size());
        int totalSteps = 0;
        for (int i = 0; i < reports.size(); i++) {
            EpisodeReport report = reports.get(i);
            assertEquals(i, report.index());
            assertEquals(specs.get(i), report.spec());
            assertNull(report.error(), report.error());
            assertNotNull(report.episodeId());
            assertTrue(report.terminated() || report.truncated(), "episode " + i + " did not end");
            assertEquals(report.steps(), report.actions().size());
            assertEquals(report.totalReturn(), report.componentSums().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
            if (report.terminated()) {
                assertEquals(Action.text("done"), report.actions().get(report.actions().size() - 1));
                assertTrue(report.outcome().containsKey("success"), "outcome comes from closing: " + report.outcome());
            }
            List<String> expected = new ArrayList<>(List.of("reset"));
            for (int s = 1; s <= report.steps(); s++) {
                expected.add("step " + s);
            }
            expected.add("end");
            assertEquals(expected, listener.events.get(i), "callbacks of episode " + i);
            totalSteps += report.steps();
        }
        assertEquals(totalSteps, listener.steps.get());
        assertTrue(listener.threads.size() > 1, "episodes should run on several workers: " + listener.threads);
        assertEquals(0, server.manager().openEpisodes(COUNTER), "every episode is closed");

        RolloutSummary summary = RolloutSummary.of(reports);
        assertEquals(24, summary.episodes());
        assertEquals(0, summary.errors());
        assertEquals((double) totalSteps / 24, summary.meanSteps(), 1e-9);
    }

    @Test
    void seededRandomAgentIsDeterministicWhateverTheTransportAndConcurrency() {
        List<EpisodeSpec> specs = EpisodeSpec.seeds(COUNTER, 7, 10);
        List<EpisodeReport> overHttp;
        List<EpisodeReport> overSocket;
        try (StepGymClient client = StepGymClient.connect(server.baseUrl())) {
            overHttp = new RolloutRunner(client, RolloutOptions.concurrency(1)).run(specs, Agents.create("random", 9));
        }
        try (StepGymSocket socket = StepGymSocket.connect(server.wsUrl())) {
            overSocket = new RolloutRunner(socket, RolloutOptions.concurrency(8)).run(specs, Agents.create("random", 9));
        }
        for (int i = 0; i < specs.size(); i++) {
            assertEquals(overHttp.get(i).actions(), overSocket.get(i).actions(), "episode " + i);
            assertEquals(overHttp.get(i).finalStateHash(), overSocket.get(i).finalStateHash(), "episode " + i);
            assertEquals(overHttp.get(i).totalReturn(), overSocket.get(i).totalReturn(), 1e-12);
        }
        List<List<Action>> otherSeed;
        try (StepGymClient client = StepGymClient.connect(server.baseUrl())) {
            otherSeed = new RolloutRunner(client, RolloutOptions.concurrency(4)).run(specs, Agents.create("random", 10))
                    .stream().map(EpisodeReport::actions).toList();
        }
        assertFalse(otherSeed.equals(overHttp.stream().map(EpisodeReport::actions).toList()), "another agent seed plays differently");
    }

    @Test
    void replayReproducesARecordedEpisode() {
        EpisodeSpec spec = new EpisodeSpec(COUNTER, "target-4", 3L, Map.of());
        try (StepGymClient client = StepGymClient.connect(server.baseUrl())) {
            RolloutRunner runner = new RolloutRunner(client, RolloutOptions.concurrency(2));
            EpisodeReport original = runner.run(List.of(spec), new RandomAgent(1)).get(0);
            Agent replay = Agents.create("replay", new AgentConfig(0, Map.of("actions",
                    original.actions().stream().map(Action::text).toList())));
            List<EpisodeReport> replays = runner.run(List.of(spec, spec), replay);
            for (EpisodeReport again : replays) {
                assertNull(again.error());
                assertEquals(original.actions(), again.actions());
                assertEquals(original.finalStateHash(), again.finalStateHash());
                assertEquals(original.totalReturn(), again.totalReturn(), 1e-12);
                assertEquals(original.outcome(), again.outcome());
            }
        }
    }

    /** Plays {@code inc} then {@code done}, except in the episodes it is told to break. */
    private static final class FaultyAgent implements Agent {
        @Override
        public String name() {
            return "faulty";
        }

        @Override
        public Policy start(EpisodeStart start) {
            if (start.seed() == 2) {
                throw new IllegalStateException("no policy for seed 2");
            }
            List<String> script = start.seed() == 3 ? List.of("inc", "crash") : List.of("inc", "done");
            var next = script.iterator();
            return observation -> Action.text(next.next());
        }
    }

    @Test
    void aFailingEpisodeIsReportedAndClosedWhileTheOthersGoOn() {
        List<EpisodeSpec> specs = new ArrayList<>(EpisodeSpec.seeds(COUNTER, 0, 6));
        specs.add(new EpisodeSpec(COUNTER, "no-such-task", 9L, Map.of()));
        List<EpisodeReport> reports;
        try (StepGymSocket socket = StepGymSocket.connect(server.wsUrl())) {
            reports = new RolloutRunner(socket, RolloutOptions.concurrency(4)).run(specs, new FaultyAgent(), new RecordingListener());
        }
        assertEquals(7, reports.size());
        for (int seed : List.of(0, 1, 4, 5)) {
            EpisodeReport ok = reports.get(seed);
            assertTrue(ok.ok(), ok.error());
            assertTrue(ok.terminated());
            assertEquals(2, ok.steps());
        }
        EpisodeReport noPolicy = reports.get(2);
        assertTrue(noPolicy.error().contains("no policy for seed 2"), noPolicy.error());
        assertNotNull(noPolicy.episodeId(), "the reset succeeded, so the episode existed and was closed");

        EpisodeReport crashed = reports.get(3);
        assertTrue(crashed.error().contains("INTERNAL"), crashed.error());
        assertEquals(1, crashed.steps(), "the step before the crash counts");

        EpisodeReport badTask = reports.get(6);
        assertTrue(badTask.error().contains("UNKNOWN_TASK"), badTask.error());
        assertNull(badTask.episodeId());

        assertEquals(0, server.manager().openEpisodes(COUNTER), "failed episodes are closed too");
        RolloutSummary summary = RolloutSummary.of(reports);
        assertEquals(3, summary.errors());
        assertEquals(7, summary.episodes());
    }

    @Test
    void aThrowingListenerFailsOnlyItsEpisode() {
        StepListener listener = new StepListener() {
            @Override
            public void onStep(int index, int step, Action action, StepResult result) {
                if (index == 1) {
                    throw new IllegalArgumentException("listener bug");
                }
            }
        };
        try (StepGymClient client = StepGymClient.connect(server.baseUrl())) {
            List<EpisodeReport> reports = new RolloutRunner(client, RolloutOptions.concurrency(3))
                    .run(EpisodeSpec.seeds(COUNTER, 0, 3), new FaultyAgent(), listener);
            assertTrue(reports.get(0).ok());
            assertTrue(reports.get(1).error().contains("listener bug"));
        }
        assertEquals(0, server.manager().openEpisodes(COUNTER));
    }

    @Test
    void runnersStepGuardTruncatesAnEpisodeTheServerDoesNotEnd() {
        Agent incrementer = new Agent() {
            @Override
            public String name() {
                return "incrementer";
            }

            @Override
            public Policy start(EpisodeStart start) {
                return observation -> Action.text("inc");
            }
        };
        try (StepGymClient client = StepGymClient.connect(server.baseUrl())) {
            EpisodeReport report = new RolloutRunner(client, new RolloutOptions(1, 3))
                    .run(List.of(EpisodeSpec.of(COUNTER, 1)), incrementer).get(0);
            assertTrue(report.ok(), report.error());
            assertEquals(3, report.steps());
            assertTrue(report.truncated());
            assertFalse(report.terminated());
        }
        assertEquals(0, server.manager().openEpisodes(COUNTER));
    }

    @Test
    void agentResetOptionsReachTheServerUnderTheEpisodesOwn() {
        Map<String, Object> seen = new ConcurrentHashMap<>();
        Agent needsStart = new Agent() {
            @Override
            public String name() {
                return "starts-at-3";
            }

            @Override
            public Map<String, Object> resetOptions() {
                return Map.of("start", 3);
            }

            @Override
            public Policy start(EpisodeStart start) {
                seen.put(start.episodeId(), start.observation().data().get("count"));
                return observation -> Action.text("done");
            }
        };
        try (EpisodeTransport client = StepGymClient.connect(server.baseUrl())) {
            List<EpisodeReport> reports = new RolloutRunner(client, RolloutOptions.concurrency(2)).run(List.of(
                    new EpisodeSpec(COUNTER, "target-3", 1L, Map.of()),
                    new EpisodeSpec(COUNTER, "target-3", 1L, Map.of("start", 1))), needsStart);
            assertEquals(3, seen.get(reports.get(0).episodeId()));
            assertEquals(1, seen.get(reports.get(1).episodeId()), "the episode's own option wins");
            assertEquals(true, reports.get(0).outcome().get("success"));
        }
    }
}
