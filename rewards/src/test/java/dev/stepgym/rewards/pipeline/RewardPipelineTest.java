package dev.stepgym.rewards.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.rewards.signal.MissingEvidenceException;
import dev.stepgym.rewards.signal.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RewardPipelineTest {
    private static final Map<String, Object> CONTEXT = Map.of("goal", "g");

    private static PipelineConfig config(String json) {
        return PipelineConfig.parseJson(json, "pipeline");
    }

    private static final String TWO = "{\"signals\":[{\"name\":\"test_hits_so_far\",\"params\":{\"scale\":2}},"
            + "{\"name\":\"invalid_action\",\"weight\":0.25,\"params\":{\"source\":\"env:test\"}}]}";

    @Test
    void aTestOnlySignalIsFoundByNameThroughItsRegistryLine() {
        assertTrue(Signals.names().contains("test_hits_so_far"), Signals.names().toString());
        assertTrue(Signals.names().contains("invalid_action"));
    }

    @Test
    void componentsComeInPipelineOrderWithWeightsSourcesAndAbsences() {
        EpisodeRewards episode = RewardPipeline.of(config(TWO)).episode(CONTEXT);
        assertEquals(List.of(new RewardComponent("test_hits_so_far", 0.0, 0.5, "test", RewardKind.STEP)),
                episode.score(Map.of("hit", true)).join());
        assertEquals(List.of(new RewardComponent("test_hits_so_far", 2.0, 0.5, "test", RewardKind.STEP),
                        new RewardComponent("invalid_action", -1.0, 0.25, "env:test", RewardKind.PENALTY)),
                episode.score(Map.of("hit", true, "invalid_action", true)).join());
        // two earlier hits × scale 2; this step asks the test signal to stay silent
        assertEquals(List.of(), episode.score(Map.of("skip", true)).join());
        EpisodeRewards forked = episode.fork();
        assertEquals(4.0, forked.score(Map.of()).join().get(0).value());
        assertEquals(4.0, episode.score(Map.of()).join().get(0).value(), "the fork did not change the original");
    }

    @Test
    void evidenceMissingAFieldNamesTheSignalAndTheField() {
        EpisodeRewards noGoal = RewardPipeline.of(config(TWO)).episode(Map.of());
        CompletionException e = assertThrows(CompletionException.class, () -> noGoal.score(Map.of()).join());
        MissingEvidenceException missing = (MissingEvidenceException) e.getCause();
        assertEquals("test_hits_so_far", missing.signal());
        assertEquals("goal", missing.field());
        assertTrue(missing.getMessage().contains("context field \"goal\""), missing.getMessage());
        EpisodeRewards wrongType = RewardPipeline.of(config(TWO)).episode(CONTEXT);
        CompletionException e2 = assertThrows(CompletionException.class, () -> wrongType.score(Map.of("invalid_action", "yes")).join());
        assertTrue(e2.getCause().getMessage().contains("signal invalid_action: evidence field \"invalid_action\" must be a boolean"),
                e2.getCause().getMessage());
    }

    @Test
    void badConfigurationsNameTheField() {
        String[][] cases = {
                {"[]", "pipeline must be an object"},
                {"{\"signals\":[]}", "pipeline.signals must be a non-empty list"},
                {"{\"signals\":[{\"name\":\"invalid_action\",\"weight\":\"x\"}]}", "pipeline.signals[0].weight must be a finite number"},
                {"{\"signals\":[{\"name\":\"invalid_action\",\"wieght\":1}]}", "pipeline.signals[0]: unknown field \"wieght\""},
                {"{\"signals\":[{\"name\":\"invalid_action\"},{\"name\":\"invalid_action\"}]}", "pipeline.signals[1].name: signal \"invalid_action\" is listed twice"},
                {"{\"signals\":[{\"name\":\"\"}]}", "pipeline.signals[0].name must be a non-empty string"},
                {"{\"signals\":[{\"name\":\"invalid_action\"}],\"transforms\":{}}", "pipeline.transforms must be a list"},
                {"{\"signals\":[{\"name\":\"invalid_action\"}],\"extra\":1}", "pipeline: unknown field \"extra\""},
                {"{\"signals\":", "pipeline is not JSON"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(c[0]), c[0]);
            assertTrue(e.getMessage().startsWith(c[1]), c[0] + " -> " + e.getMessage());
        }
        String[][] resolving = {
                {"{\"signals\":[{\"name\":\"no_such_signal\"}]}", "pipeline.signals[0]: unknown reward signal \"no_such_signal\""},
                {"{\"signals\":[{\"name\":\"test_hits_so_far\",\"params\":{\"scael\":1}}]}", "pipeline.signals[0]: signal test_hits_so_far has no parameter \"scael\" (known: [scale])"},
                {"{\"signals\":[{\"name\":\"test_hits_so_far\",\"params\":{\"scale\":\"big\"}}]}", "pipeline.signals[0]: signal test_hits_so_far: parameter \"scale\" must be a finite number, got big"},
        };
        for (String[] c : resolving) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RewardPipeline.of(config(c[0]), "pipeline"), c[0]);
            assertTrue(e.getMessage().startsWith(c[1]), c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void theDigestFollowsTheConfigurationAndWeightsCanBeReplaced() {
        PipelineConfig a = config(TWO);
        assertEquals(a.digest(), config(TWO).digest());
        PipelineConfig reweighted = a.withWeights(Map.of("invalid_action", 0.5), "scenario");
        assertNotEquals(a.digest(), reweighted.digest());
        assertEquals(0.5, reweighted.signals().get(1).weight());
        assertEquals(a, PipelineConfig.parse(a.toJson(), "again"), "toJson reads back as the same pipeline");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.withWeights(Map.of("nope", 1.0), "scenario"));
        assertTrue(e.getMessage().startsWith("scenario: no signal \"nope\""), e.getMessage());
    }

    /** Emits evidence only: {@code hit} when the action is "hit", invalid for "bad". */
    private static final class EvidenceOnly implements Environment {
        final List<ResetRequest> resets = new ArrayList<>();

        @Override
        public Start reset(ResetRequest request) {
            resets.add(request);
            return new Start(Observation.of("start", List.of()), Map.of(), CONTEXT);
        }

        @Override
        public Transition step(Action action) {
            String a = action.describe();
            return Transition.observed(Observation.of(a, List.of()), Map.of("hit", a.contains("hit"), "invalid_action", a.contains("bad")), false, false, Map.of());
        }

        @Override
        public Environment fork() {
            return new EvidenceOnly();
        }

        @Override
        public Object state() {
            return Map.of();
        }
    }

    @Test
    void theWrapperScoresEvidenceAndAnEpisodeMayNameItsOwnPipeline() {
        RewardPipeline standing = RewardPipeline.of(config(TWO));
        EvidenceOnly inner = new EvidenceOnly();
        RewardedEnvironment env = new RewardedEnvironment(inner, asked -> RewardLayer.choose(asked, standing));
        Start start = env.reset(new ResetRequest(1, null, Map.of("k", 1), false));
        assertEquals(config(TWO).toJson(), start.rewardPipeline());
        env.step(Action.text("hit"));
        Transition bad = env.step(Action.text("bad"));
        assertEquals(1.0 * 2 * 0.5 - 0.25, RewardComponent.total(bad.rewards()), 1e-12);

        Map<String, Object> own = Map.of("signals", List.of(Map.of("name", "invalid_action", "weight", 1.0)));
        RewardedEnvironment mine = new RewardedEnvironment(inner, asked -> RewardLayer.choose(asked, standing));
        Start s2 = mine.reset(new ResetRequest(1, null, Map.of("k", 1, "reward_pipeline", own), false));
        assertEquals(Map.of("k", 1), inner.resets.get(1).options(), "the environment never sees the pipeline option");
        assertEquals(List.of(new RewardComponent("invalid_action", -1.0, 1.0, "env", RewardKind.PENALTY)), mine.step(Action.text("bad")).rewards());
        assertEquals(own.get("signals"), s2.rewardPipeline().get("signals"));

        StepGymException e = assertThrows(StepGymException.class, () -> new RewardedEnvironment(inner, asked -> RewardLayer.choose(asked, standing))
                .reset(new ResetRequest(1, null, Map.of("reward_pipeline", Map.of("signals", List.of(Map.of("name", "nope")))), false)));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertTrue(e.getMessage().startsWith("options.reward_pipeline.signals[0]: unknown reward signal \"nope\""), e.getMessage());
    }

    @Test
    void anEpisodeCannotPointAModelScorerAnywhere() {
        RewardPipeline standing = RewardPipeline.of(config("{\"signals\":[{\"name\":\"belief_gain\"}]}"));
        Map<String, Object> elsewhere = Map.of("signals", List.of(Map.of("name", "belief_gain",
                "params", Map.of("scorer", Map.of("type", "openai", "base_url", "http://169.254.169.254/", "model", "m")))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RewardLayer.choose(elsewhere, standing));
        assertTrue(e.getMessage().startsWith("options.reward_pipeline.signals[0].params.scorer: signal belief_gain takes it only from the server's pipeline (serve --reward-pipeline), not from a client"),
                e.getMessage());
        // The same signal with another weight and timeout is the episode's to choose.
        Map<String, Object> reweighted = Map.of("signals", List.of(Map.of("name", "belief_gain", "weight", 2.0, "params", Map.of("timeout_ms", 100))));
        assertEquals(List.of("belief_gain"), RewardLayer.choose(reweighted, standing).names());
    }

    @Test
    void settingsAnEnvironmentIsOpenedWithMaySetItsDefaultWeights() {
        dev.stepgym.protocol.env.EnvironmentProvider provider = new dev.stepgym.protocol.env.EnvironmentProvider() {
            @Override
            public dev.stepgym.protocol.EnvSpec spec() {
                return new dev.stepgym.protocol.EnvSpec("evidence-v1", "test", "text", List.of(), 10, List.of("invalid_action"));
            }

            @Override
            public dev.stepgym.protocol.env.EnvironmentFactory open(Map<String, String> settings) {
                return new dev.stepgym.protocol.env.EnvironmentFactory() {
                    @Override
                    public dev.stepgym.protocol.EnvSpec spec() {
                        return provider().spec();
                    }

                    @Override
                    public Environment newEpisode() {
                        return new EvidenceOnly();
                    }

                    @Override
                    public List<String> tasks(String split) {
                        return List.of();
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            private dev.stepgym.protocol.env.EnvironmentProvider provider() {
                return this;
            }

            @Override
            public Map<String, Object> defaultRewardPipeline() {
                return defaultRewardPipeline(Map.of());
            }

            @Override
            public Map<String, Object> defaultRewardPipeline(Map<String, String> settings) {
                double w = Double.parseDouble(settings.getOrDefault("penalty", "0.1"));
                return Map.of("signals", List.of(Map.of("name", "invalid_action", "weight", w)));
            }
        };
        Environment env = RewardLayer.defaults().wrap(provider).open(Map.of("penalty", "0.75")).newEpisode();
        env.reset(new ResetRequest(1, null, Map.of(), false));
        assertEquals(-0.75, RewardComponent.total(env.step(Action.text("bad")).rewards()), 1e-12);
        Environment weighted = RewardLayer.defaults().withWeights("evidence-v1", Map.of("invalid_action", 2.0)).wrap(provider)
                .open(Map.of("penalty", "0.75")).newEpisode();
        weighted.reset(new ResetRequest(1, null, Map.of(), false));
        assertEquals(-2.0, RewardComponent.total(weighted.step(Action.text("bad")).rewards()), 1e-12, "reward_weights win over settings");
    }
}
