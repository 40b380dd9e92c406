package dev.stepgym.scenarios;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.ToolSpec;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.server.EpisodeManager;
import dev.stepgym.protocol.server.EpisodeSummary;
import dev.stepgym.protocol.server.ResetCall;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.replay.Rescorer;
import org.junit.jupiter.api.Assumptions;
import dev.stepgym.scenarios.server.Environments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protocol invariants and seeded determinism, checked for EVERY registered environment (the
 * Gymnasium env-checker idea): a new environment is covered the moment it is registered.
 */
class EnvironmentConformanceTest {
    private static final int ROLLOUT_STEPS = 40;
    private static RunningServer server;
    private static EpisodeManager manager;

    /**
     * A listening server (port 0, loopback), so that environments whose episodes open the server's own
     * web pages in a browser (gui-v1) are told its origin; the checks call its episode manager directly.
     */
    @BeforeAll
    static void open() throws Exception {
        Path records = Files.createTempDirectory("stepgym-conformance");
        ServerConfig config = ServerConfig.defaults().withPort(0).withRecordDir(records);
        server = RunningServer.start(config, Environments.registry(config));
        manager = server.manager();
    }

    @AfterAll
    static void close() {
        server.close();
    }

    /**
     * Environments that drive real Chromium (gui-v1: the browser pool, seconds per step): the same
     * checks run for them in {@link GuiConformanceBrowserTest} (tags heavy and browser), not in this
     * fast class.
     */
    static final java.util.Set<String> NEEDS_A_BROWSER = java.util.Set.of("gui-v1");

    /** The environments checked: a subclass hides this to check others. */
    static Stream<String> environments() {
        return EnvironmentRegistry.discover().ids().stream().filter(id -> !NEEDS_A_BROWSER.contains(id));
    }

    private static EnvSpec spec(String env) {
        return manager.envs().stream().filter(s -> s.id().equals(env)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("environments")
    void specIsWellFormed(String env) {
        EnvSpec spec = spec(env);
        assertTrue(spec.maxSteps() > 0, "max_steps");
        assertFalse(spec.rewardComponents().isEmpty(), "an environment names its reward components");
        assertTrue(spec.rewardComponents().contains("invalid_action"), "bad actions are penalised by name");
        assertTrue(spec.actionFormat().equals("text") || spec.actionFormat().equals("tool"));
        for (ToolSpec tool : spec.tools()) {
            assertEquals("object", tool.parameters().get("type"), tool.name() + " takes a JSON object");
        }
        assertFalse(spec.description().isBlank());
    }

    @ParameterizedTest
    @MethodSource("environments")
    void sameSeedAndActionsGiveSameObservationsAndStateHashes(String env) {
        List<String> first = rollout(env, 7, 1234);
        List<String> second = rollout(env, 7, 1234);
        assertEquals(first, second, "seeded rollouts must be identical field by field");
        List<String> otherSeed = rollout(env, 8, 1234);
        assertNotEquals(first.get(0), otherSeed.get(0), "another seed should give another episode");
    }

    /** A seeded random walk over available actions; returns every answer as canonical JSON. */
    private static List<String> rollout(String env, long seed, long agentSeed) {
        SplittableRandom random = new SplittableRandom(agentSeed);
        List<String> trace = new ArrayList<>();
        ResetResult reset = manager.reset(new ResetCall(env, null, seed, Map.of()));
        trace.add(Json.canonical(Map.of("observation", reset.observation(), "info", reset.info(), "hash", reset.stateHash())));
        List<String> available = reset.observation().availableActions();
        EnvSpec spec = spec(env);
        for (int i = 0; i < ROLLOUT_STEPS; i++) {
            Action action = Action.text(pick(available, random));
            StepResult result = manager.step(reset.episodeId(), action);
            checkStep(spec, result, i + 1);
            trace.add(Json.canonical(Map.of("action", action, "result", result)));
            if (result.done()) {
                StepGymException done = assertThrows(StepGymException.class, () -> manager.step(reset.episodeId(), action));
                assertEquals(ErrorCode.EPISODE_DONE, done.code());
                break;
            }
            available = result.observation().availableActions();
        }
        EpisodeSummary summary = manager.close(reset.episodeId());
        assertEquals(summary, manager.close(reset.episodeId()), "close is idempotent");
        return trace;
    }

    private static String pick(List<String> available, SplittableRandom random) {
        if (available.isEmpty()) {
            return "noop";
        }
        String action = available.get(random.nextInt(available.size()));
        // Templated actions such as search[...] get a concrete argument.
        return action.replace("[...]", "[item " + random.nextInt(100) + "]").replace("<query>", "item");
    }

    private static void checkStep(EnvSpec spec, StepResult result, int expectedStep) {
        assertEquals(expectedStep, result.step(), "step counter");
        assertTrue(result.stateHash().matches("sha256:[0-9a-f]{64}"), "state_hash " + result.stateHash());
        assertEquals(RewardComponent.total(result.rewards()), result.reward(), 1e-9, "reward = weighted sum of components");
        for (RewardComponent c : result.rewards()) {
            assertTrue(spec.rewardComponents().contains(c.name()), c.name() + " is listed in the spec");
            assertNotNull(c.kind());
        }
        assertFalse(result.terminated() && result.truncated() && result.step() < spec.maxSteps(),
                "truncated only by a limit");
        if (result.step() >= spec.maxSteps() && !result.terminated()) {
            assertTrue(result.truncated(), "the time limit truncates at max_steps");
        }
    }

    @ParameterizedTest
    @MethodSource("environments")
    void aBadActionIsAnObservationWithAPenaltyNotAnError(String env) {
        ResetResult reset = manager.reset(new ResetCall(env, null, 3L, Map.of()));
        StepResult result = manager.step(reset.episodeId(), Action.text("#### not an action ((("));
        assertNotNull(result.observation().lastActionError(), "the observation says what was wrong");
        RewardComponent penalty = result.rewards().stream().filter(c -> c.name().equals("invalid_action")).findFirst()
                .orElseThrow(() -> new AssertionError("no invalid_action component"));
        assertEquals(RewardKind.PENALTY, penalty.kind());
        assertTrue(penalty.weighted() < 0, "a penalty lowers the reward");
        assertFalse(result.terminated());
        assertEquals(reset.stateHash(), result.stateHash(), "a bad action changes nothing");
        StepResult toolResult = manager.step(reset.episodeId(), Action.tool("no_such_tool", Map.of("x", 1)));
        assertNotNull(toolResult.observation().lastActionError());
        manager.close(reset.episodeId());
    }

    @ParameterizedTest
    @MethodSource("environments")
    void forkStartsInTheSameStateAndThenGoesItsOwnWay(String env) {
        ResetResult reset = manager.reset(new ResetCall(env, null, 11L, Map.of()));
        ResetResult fork = manager.fork(reset.episodeId());
        assertNotEquals(reset.episodeId(), fork.episodeId());
        assertEquals(reset.stateHash(), fork.stateHash(), "a fork starts in its parent's state");
        assertEquals(Json.canonical(reset.observation()), Json.canonical(fork.observation()));
        SplittableRandom random = new SplittableRandom(5);
        StepResult forkStep = manager.step(fork.episodeId(), Action.text(pick(fork.observation().availableActions(), random)));
        assertEquals(1, forkStep.step());
        ResetResult again = manager.fork(reset.episodeId());
        assertEquals(reset.stateHash(), again.stateHash(), "stepping the fork leaves the parent alone");
        StepResult parentStep = manager.step(reset.episodeId(), Action.text(pick(reset.observation().availableActions(),
                new SplittableRandom(5))));
        assertEquals(forkStep.stateHash(), parentStep.stateHash(), "the same action from the same state gives the same state");
        for (String id : List.of(again.episodeId(), fork.episodeId(), reset.episodeId())) {
            manager.close(id);
        }
    }

    @ParameterizedTest
    @MethodSource("environments")
    void theRecordedEvidenceReproducesTheRecordedComponents(String env) {
        ResetResult reset = manager.reset(new ResetCall(env, null, 21L, Map.of()));
        SplittableRandom random = new SplittableRandom(21);
        List<String> available = reset.observation().availableActions();
        String forkId = null;
        for (int i = 0; i < 12; i++) {
            StepResult result = manager.step(reset.episodeId(), Action.text(i == 3 ? "#### bad (((" : pick(available, random)));
            if (result.done()) {
                break;
            }
            if (i == 4) {
                forkId = manager.fork(reset.episodeId()).episodeId();
                manager.step(forkId, Action.text(pick(result.observation().availableActions(), new SplittableRandom(3))));
            }
            available = result.observation().availableActions();
        }
        manager.close(reset.episodeId());
        if (forkId != null) {
            manager.close(forkId);
        }
        Trajectory parent = manager.trajectory(reset.episodeId());
        Assumptions.assumeTrue(parent.header().rewardPipeline() != null, env + " computes its own rewards (a test environment)");
        Rescorer rescorer = new Rescorer(PipelineConfig.parse(parent.header().rewardPipeline(), "header"));
        assertEquals(Json.sha256(parent.header().rewardPipeline()), parent.header().rewardConfigDigest());
        Rescorer.Rescored again = rescorer.rescore(Path.of(env), parent, List.of());
        for (int i = 0; i < parent.steps().size(); i++) {
            assertEquals(parent.steps().get(i).rewards(), again.steps().get(i).rewards(), env + " step " + (i + 1));
            assertEquals(parent.steps().get(i).reward(), again.steps().get(i).reward(), env + " step " + (i + 1));
        }
        if (forkId != null) {
            Trajectory fork = manager.trajectory(forkId);
            List<Map<String, Object>> inherited = parent.steps().stream().filter(st -> st.step() <= fork.header().parentStep())
                    .map(st -> st.evidence()).toList();
            Rescorer.Rescored forkAgain = rescorer.rescore(Path.of(env), fork, inherited);
            assertEquals(fork.steps().get(0).rewards(), forkAgain.steps().get(0).rewards(), env + " fork's first step");
        }
    }
}
