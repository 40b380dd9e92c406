package dev.stepgym.protocol.server;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorBody;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.EnvironmentProvider;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.protocol.testkit.CounterFactory;
import dev.stepgym.protocol.testkit.CounterProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The episode manager embedded, without any server: the rules every transport relies on. */
class EpisodeManagerTest {
    private static final String ENV = CounterProvider.ID;

    @TempDir
    Path records;
    private final List<EpisodeManager> managers = new ArrayList<>();
    private final String instance = "mgr-" + UUID.randomUUID();

    @AfterEach
    void shutDown() {
        managers.forEach(EpisodeManager::close);
    }

    private EpisodeManager manager(UnaryOperator<ServerConfig> customise) {
        ServerConfig config = customise.apply(ServerConfig.defaults().withPort(0).withRecordDir(records)
                .withEnvSettings(ENV, Map.of("instance", instance)));
        EpisodeManager manager = new EpisodeManager(config);
        managers.add(manager);
        return manager;
    }

    private EpisodeManager manager() {
        return manager(UnaryOperator.identity());
    }

    private static StepGymException failure(ErrorCode expected, org.junit.jupiter.api.function.Executable call) {
        StepGymException e = assertThrows(StepGymException.class, call);
        assertEquals(expected, e.code(), e.getMessage());
        return e;
    }

    @Test
    void resetReportsEnvTaskAndADrawnSeed() {
        EpisodeManager manager = manager();
        ResetResult reset = manager.reset(ResetCall.of(ENV, null, null));
        assertEquals(ENV, reset.info().get("env"));
        assertInstanceOf(Long.class, reset.info().get("seed"));
        long seed = (Long) reset.info().get("seed");
        assertEquals("target-" + (1 + Math.floorMod(seed, 5L)), reset.info().get("task"), "the seed picks the task");
        assertEquals(300, reset.leaseSeconds());
        assertTrue(reset.stateHash().startsWith("sha256:"));
        assertEquals("count=0 target=" + reset.info().get("task").toString().substring(7), reset.observation().text());
    }

    @Test
    void sameSeedAndActionsGiveSameObservationsAndStateHashes() {
        EpisodeManager manager = manager();
        List<String> actions = List.of("inc", "inc", "bogus", "dec", "add[3]");
        List<String> first = run(manager, 42L, actions);
        List<String> second = run(manager, 42L, actions);
        assertEquals(first, second);
        List<String> other = run(manager, 43L, actions);
        assertNotEquals(first, other, "another seed picks another target, so other states");
    }

    private static List<String> run(EpisodeManager manager, long seed, List<String> actions) {
        ResetResult reset = manager.reset(ResetCall.of(ENV, null, seed));
        List<String> seen = new ArrayList<>(List.of(reset.stateHash(), reset.observation().text()));
        for (String action : actions) {
            StepResult step = manager.step(reset.episodeId(), Action.text(action));
            seen.add(step.stateHash());
            seen.add(step.observation().text());
            seen.add(Double.toString(step.reward()));
        }
        manager.close(reset.episodeId());
        return seen;
    }

    @Test
    void doneTerminatesAndFurtherStepsAreRefused() {
        EpisodeManager manager = manager();
        ResetResult reset = manager.reset(ResetCall.of(ENV, "target-2", 1L));
        String id = reset.episodeId();
        assertEquals(1.0, manager.step(id, Action.text("inc")).reward());
        manager.step(id, Action.tool("inc", Map.of()));
        StepResult done = manager.step(id, Action.text("done"));
        assertTrue(done.terminated());
        assertFalse(done.truncated());
        assertEquals(1.0, done.reward(), "success at the target");
        assertEquals(3, done.step());
        failure(ErrorCode.EPISODE_DONE, () -> manager.step(id, Action.text("inc")));
        EpisodeSummary summary = manager.close(id);
        assertEquals(3, summary.steps());
        assertEquals(3.0, summary.totalReturn());
        assertEquals(Map.of("count", 2, "success", true), summary.outcome());
    }

    @Test
    void stepLimitTruncatesWithoutTerminating() {
        EpisodeManager manager = manager(c -> c.withMaxSteps(ENV, 5));
        assertEquals(5, manager.envs().stream().filter(s -> s.id().equals(ENV)).findFirst().orElseThrow().maxSteps());
        String id = manager.reset(ResetCall.of(ENV, "target-9", 1L)).episodeId();
        for (int i = 1; i < 5; i++) {
            assertFalse(manager.step(id, Action.text("inc")).truncated());
        }
        StepResult last = manager.step(id, Action.text("inc"));
        assertTrue(last.truncated());
        assertFalse(last.terminated());
        failure(ErrorCode.EPISODE_DONE, () -> manager.step(id, Action.text("inc")));

        String limited = manager.reset(new ResetCall(ENV, "target-9", 1L, Map.of("max_steps", 2))).episodeId();
        manager.step(limited, Action.text("inc"));
        assertTrue(manager.step(limited, Action.text("inc")).truncated(), "options.max_steps wins over the scenario");
        failure(ErrorCode.BAD_REQUEST, () -> manager.reset(new ResetCall(ENV, null, null, Map.of("max_steps", "ten"))));
        failure(ErrorCode.BAD_REQUEST, () -> manager.reset(new ResetCall(ENV, null, null, Map.of("max_steps", 0))));
    }

    @Test
    void terminatingOnTheLastAllowedStepIsNotATruncation() {
        EpisodeManager manager = manager(c -> c.withMaxSteps(ENV, 1));
        String id = manager.reset(ResetCall.of(ENV, "target-1", 1L)).episodeId();
        StepResult done = manager.step(id, Action.text("done"));
        assertTrue(done.terminated());
        assertFalse(done.truncated());
    }

    @Test
    void badActionIsAnObservationWithAPenaltyNotAnError() {
        EpisodeManager manager = manager();
        String id = manager.reset(ResetCall.of(ENV, "target-3", 1L)).episodeId();
        StepResult step = manager.step(id, Action.text("jump"));
        assertNotNull(step.observation().lastActionError());
        assertTrue(step.observation().lastActionError().contains("jump"));
        assertEquals(List.of(CounterProvider.INVALID_ACTION), step.rewards().stream().map(RewardComponent::name).toList());
        assertEquals(-0.1, step.reward(), 1e-12);
        StepResult badTool = manager.step(id, Action.tool("add", Map.of("amount", "lots")));
        assertNotNull(badTool.observation().lastActionError());
    }

    /** A stand-in for the reward layer: it names a pipeline at reset and reports transformed returns at close. */
    private static final class PipelineStandIn implements Environment {
        static final Map<String, Object> PIPELINE = Map.of("signals", List.of(Map.of("name", "progress")));
        private final Environment env;
        private int steps;

        PipelineStandIn(Environment env) {
            this.env = env;
        }

        @Override
        public Start reset(ResetRequest request) {
            return env.reset(request).withRewardPipeline(PIPELINE);
        }

        @Override
        public Transition step(Action action) {
            steps++;
            return env.step(action);
        }

        @Override
        public Environment fork() {
            return new PipelineStandIn(env.fork());
        }

        @Override
        public Object state() {
            return env.state();
        }

        @Override
        public List<Double> returns() {
            return java.util.Collections.nCopies(steps, 0.25);
        }
    }

    @Test
    void headersCarryContextPipelineAndDigestStepLinesTheEvidenceEndLinesTheReturns() throws Exception {
        EnvironmentRegistry layered = EnvironmentRegistry.discover().map(p -> new EnvironmentProvider() {
            @Override
            public EnvSpec spec() {
                return p.spec();
            }

            @Override
            public EnvironmentFactory open(Map<String, String> settings) {
                EnvironmentFactory inner = p.open(settings);
                return new EnvironmentFactory() {
                    @Override
                    public EnvSpec spec() {
                        return inner.spec();
                    }

                    @Override
                    public Environment newEpisode() {
                        return new PipelineStandIn(inner.newEpisode());
                    }

                    @Override
                    public List<String> tasks(String split) {
                        return inner.tasks(split);
                    }

                    @Override
                    public void close() {
                        inner.close();
                    }
                };
            }
        });
        EpisodeManager manager = new EpisodeManager(ServerConfig.defaults().withPort(0).withRecordDir(records)
                .withEnvSettings(ENV, Map.of("instance", instance)).withScenario("layer-test"), layered);
        managers.add(manager);
        String id = manager.reset(ResetCall.of(ENV, "target-2", 1L)).episodeId();
        manager.step(id, Action.text("inc"));
        manager.step(id, Action.text("jump"));
        String forkId = manager.fork(id).episodeId();
        EpisodeSummary summary = manager.close(id);
        assertEquals(List.of(0.25, 0.25), summary.returns());
        manager.close(forkId);

        Trajectory t = manager.trajectory(id);
        assertEquals("layer-test", t.header().scenario());
        assertEquals(Map.of("target", 2), t.header().context());
        assertEquals(PipelineStandIn.PIPELINE, t.header().rewardPipeline());
        assertEquals(Json.sha256(PipelineStandIn.PIPELINE), t.header().rewardConfigDigest());
        assertEquals(Map.of("count", 1, "invalid_action", false), t.steps().get(0).evidence());
        assertEquals(Map.of("count", 1, "invalid_action", true), t.steps().get(1).evidence());
        assertEquals(List.of(0.25, 0.25), t.end().returns());
        Trajectory fork = manager.trajectory(forkId);
        assertEquals(t.header().context(), fork.header().context(), "a fork's header repeats the context");
        assertEquals(t.header().rewardConfigDigest(), fork.header().rewardConfigDigest());
        assertEquals(t.header().maxSteps(), fork.header().maxSteps());

        EpisodeManager plain = manager();
        String plainId = plain.reset(ResetCall.of(ENV, "target-2", 1L)).episodeId();
        plain.close(plainId);
        assertNotEquals(t.header().rewardConfigDigest(), plain.trajectory(plainId).header().rewardConfigDigest());
        assertNull(plain.trajectory(plainId).end().returns(), "no pipeline, no transformed returns");
    }

    @Test
    void forkStartsInTheSameStateWithTheSameStepCount() {
        EpisodeManager manager = manager();
        ResetResult reset = manager.reset(ResetCall.of(ENV, "target-4", 7L));
        String parent = reset.episodeId();
        manager.step(parent, Action.text("inc"));
        StepResult atFork = manager.step(parent, Action.text("inc"));
        ResetResult fork = manager.fork(parent);
        assertNotEquals(parent, fork.episodeId());
        assertEquals(atFork.stateHash(), fork.stateHash());
        assertEquals(atFork.observation(), fork.observation());
        assertEquals(parent, fork.info().get("parent_episode_id"));
        assertEquals(2, fork.info().get("parent_step"));

        StepResult childStep = manager.step(fork.episodeId(), Action.text("inc"));
        assertEquals(3, childStep.step());
        StepResult parentStep = manager.step(parent, Action.text("dec"));
        assertNotEquals(childStep.stateHash(), parentStep.stateHash(), "the episodes are independent");
        assertEquals("count=3 target=4", childStep.observation().text());
        assertEquals("count=1 target=4", parentStep.observation().text());

        TrajectoryRecord.Header header = manager.trajectory(fork.episodeId()).header();
        assertEquals(parent, header.parentEpisodeId());
        assertEquals(2, header.parentStep());
        assertEquals(1, manager.close(fork.episodeId()).totalReturn(), 1e-12, "a fork's return counts from the fork");
    }

    @Test
    void closeIsIdempotentAndReleasesTheEnvironment() {
        EpisodeManager manager = manager();
        String id = manager.reset(ResetCall.of(ENV, "target-1", 1L)).episodeId();
        CounterFactory factory = CounterFactory.instance(instance).orElseThrow();
        assertEquals(1, factory.liveEpisodes());
        EpisodeSummary first = manager.close(id);
        assertEquals(0, factory.liveEpisodes());
        assertEquals(first, manager.close(id));
        StepGymException e = failure(ErrorCode.EPISODE_NOT_FOUND, () -> manager.step(id, Action.text("inc")));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        failure(ErrorCode.EPISODE_NOT_FOUND, () -> manager.close("ep-unknown"));
        failure(ErrorCode.EPISODE_NOT_FOUND, () -> manager.step("ep-unknown", Action.text("inc")));
        failure(ErrorCode.EPISODE_NOT_FOUND, () -> manager.fork("ep-unknown"));
        failure(ErrorCode.EPISODE_NOT_FOUND, () -> manager.trajectory("../../etc/passwd"));
    }

    @Test
    void unknownEnvironmentOrTaskIsRefused() {
        EpisodeManager manager = manager();
        failure(ErrorCode.UNKNOWN_ENV, () -> manager.reset(ResetCall.of("nope-v1", null, null)));
        failure(ErrorCode.UNKNOWN_TASK, () -> manager.reset(ResetCall.of(ENV, "no-such-task", null)));
        assertEquals(0, manager.openEpisodes(ENV), "a refused reset holds no capacity");
    }

    @Test
    void privilegedInfoOnlyWhenAllowedAndAskedFor() {
        EpisodeManager closed = manager();
        failure(ErrorCode.BAD_REQUEST, () -> closed.reset(new ResetCall(ENV, "target-3", 1L, Map.of("privileged", true))));
        assertFalse(closed.reset(ResetCall.of(ENV, "target-3", 1L)).info().containsKey("goal"));

        EpisodeManager open = manager(c -> c.withAllowPrivileged(true));
        assertEquals(Map.of("target", 3),
                open.reset(new ResetCall(ENV, "target-3", 1L, Map.of("privileged", true))).info().get("goal"));
        assertFalse(open.reset(ResetCall.of(ENV, "target-3", 1L)).info().containsKey("goal"), "only when asked for");
        failure(ErrorCode.BAD_REQUEST, () -> open.reset(new ResetCall(ENV, "target-3", 1L, Map.of("privileged", "yes"))));
    }

    @Test
    void anEnvironmentBugIsInternalAndTheEpisodeGoesOn() {
        EpisodeManager manager = manager();
        String id = manager.reset(ResetCall.of(ENV, "target-2", 1L)).episodeId();
        StepGymException e = failure(ErrorCode.INTERNAL, () -> manager.step(id, Action.text("crash")));
        assertTrue(e.getMessage().contains("failed on purpose"), e.getMessage());
        StepResult next = manager.step(id, Action.text("inc"));
        assertEquals(1, next.step(), "the failed step did not count");
    }

    @Test
    void capacityRefusesWithARetryHintAndFreesOnClose() {
        EpisodeManager manager = manager(c -> c.withCapacity(ENV, 2));
        String a = manager.reset(ResetCall.of(ENV, null, 1L)).episodeId();
        String b = manager.reset(ResetCall.of(ENV, null, 2L)).episodeId();
        CapacityException full = assertThrows(CapacityException.class, () -> manager.reset(ResetCall.of(ENV, null, 3L)));
        assertEquals(ErrorCode.CAPACITY, full.code());
        assertTrue(full.retryAfterSeconds() >= 1);
        assertThrows(CapacityException.class, () -> manager.fork(a), "a fork needs capacity too");
        manager.close(b);
        assertNotNull(manager.fork(a).episodeId());
        assertEquals(2, manager.openEpisodes(ENV));
    }

    @Test
    void batchStepAnswersInOrderWithPerEntryErrors() {
        EpisodeManager manager = manager();
        String a = manager.reset(ResetCall.of(ENV, "target-5", 1L)).episodeId();
        String b = manager.reset(ResetCall.of(ENV, "target-5", 1L)).episodeId();
        BatchResult batch = manager.batchStep(List.of(new BatchStep(a, Action.text("inc")),
                new BatchStep("ep-missing", Action.text("inc")), new BatchStep(b, Action.text("dec"))));
        assertEquals(3, batch.results().size());
        assertEquals("count=1 target=5", ((StepResult) batch.results().get(0)).observation().text());
        assertEquals(ErrorCode.EPISODE_NOT_FOUND, ((ErrorBody) batch.results().get(1)).error().code());
        assertEquals("count=-1 target=5", ((StepResult) batch.results().get(2)).observation().text());
    }

    @Test
    void expiredEpisodesAreReapedAndSayWhy() throws Exception {
        EpisodeManager manager = manager(c -> c.withLeaseSeconds(1));
        String id = manager.reset(ResetCall.of(ENV, "target-1", 1L)).episodeId();
        manager.step(id, Action.text("inc"));
        waitUntil(() -> manager.openEpisodes() == 0);
        StepGymException e = failure(ErrorCode.EPISODE_NOT_FOUND, () -> manager.step(id, Action.text("inc")));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertEquals(0, CounterFactory.instance(instance).orElseThrow().liveEpisodes(), "the environment was released");
        Trajectory trajectory = manager.trajectory(id);
        assertEquals("expired", trajectory.end().reason());
        assertEquals(1, trajectory.steps().size());
        assertEquals(1, manager.close(id).steps(), "closing an expired episode answers its summary");
    }

    @Test
    void shutdownClosesEveryEpisodeAndWritesEndLines() {
        EpisodeManager manager = manager();
        String a = manager.reset(ResetCall.of(ENV, "target-1", 1L)).episodeId();
        String b = manager.reset(ResetCall.of(ENV, "target-1", 1L)).episodeId();
        manager.step(a, Action.text("inc"));
        manager.close();
        assertEquals(0, manager.openEpisodes());
        assertEquals(0, CounterFactory.instance(instance).orElseThrow().liveEpisodes());
        assertTrue(CounterFactory.instance(instance).orElseThrow().closed());
        for (String id : List.of(a, b)) {
            Trajectory t = TrajectoryReader.read(records.resolve(ENV).resolve(id + ".jsonl"));
            assertEquals("shutdown", t.end().reason());
            assertNull(t.tornLine());
        }
        failure(ErrorCode.SHUTTING_DOWN, () -> manager.reset(ResetCall.of(ENV, null, null)));
    }

    @Test
    void recordsHeaderStepsAndEnd() throws Exception {
        EpisodeManager manager = manager(c -> c.withScenario("unit"));
        ResetResult reset = manager.reset(new ResetCall(ENV, "target-2", 5L, Map.of("start", 1)));
        String id = reset.episodeId();
        StepResult s1 = manager.step(id, Action.tool("add", Map.of("amount", 1)));
        manager.step(id, Action.text("done"));
        manager.close(id);
        Path file = records.resolve(ENV).resolve(id + ".jsonl");
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("{\"type\":\"episode\""), lines.get(0));
        Trajectory t = TrajectoryReader.read(file);
        assertEquals(id, t.episodeId());
        assertEquals("target-2", t.header().task());
        assertEquals(5L, t.header().seed());
        assertEquals(Map.of("start", 1), t.header().options());
        assertEquals(Action.tool("add", Map.of("amount", 1)), t.steps().get(0).action());
        assertEquals(s1.stateHash(), t.steps().get(0).stateHash());
        assertEquals(s1.observation(), t.steps().get(0).observation());
        assertTrue(t.steps().get(1).terminated());
        assertEquals(new TrajectoryRecord.End(2, 2.0, Map.of("count", 2, "success", true), "closed"), t.end());
        assertSame(null, t.tornLine());
    }

    @Test
    void concurrentCallsOnOneEpisodeAreSerialised() throws Exception {
        EpisodeManager manager = manager();
        String id = manager.reset(new ResetCall(ENV, "target-9", 1L, Map.of("max_steps", 1000))).episodeId();
        int threads = 8;
        int perThread = 25;
        List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        seen.add(manager.step(id, Action.text("inc")).step());
                    }
                }));
            }
            for (var future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, new java.util.HashSet<>(seen).size(), "every step got its own number");
        assertEquals(threads * perThread, manager.close(id).steps());
        assertEquals(threads * perThread, manager.trajectory(id).steps().size());
    }

    @Test
    void thousandsOfOpenEpisodesDoNotHoldThousandsOfFiles() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc to count descriptors");
        EpisodeManager manager = manager(c -> c.withMaxOpenRecordFiles(16));
        long before = countEntries(fds);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String id = manager.reset(ResetCall.of(ENV, null, (long) i)).episodeId();
            manager.step(id, Action.text("inc"));
            ids.add(id);
        }
        assertEquals(2000, manager.openEpisodes());
        long during = countEntries(fds);
        assertTrue(during - before < 100, "descriptors grew from " + before + " to " + during);
        // Every file is complete although most were closed and reopened on the way.
        manager.step(ids.get(0), Action.text("inc"));
        assertEquals(2, manager.trajectory(ids.get(0)).steps().size());
        assertEquals(1, manager.trajectory(ids.get(1999)).steps().size());
    }

    private static long countEntries(Path dir) throws java.io.IOException {
        try (var entries = Files.list(dir)) {
            return entries.count();
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
