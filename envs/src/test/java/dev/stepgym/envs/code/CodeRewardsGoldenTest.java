package dev.stepgym.envs.code;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.EnvironmentProvider;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.rewards.pipeline.EpisodeRewards;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardLayer;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The default pipeline reproduces, exactly, the components code-v1 built itself before rewards
 * became signals: the fixture (code-golden/episodes.json, 12 seeded episodes, 66 steps) was
 * recorded with that code; its actions are replayed here through the reward layer, and every
 * step's components must match in name, value (bit for bit), weight, source, kind and order.
 * The evidence, through JSON, re-scores to the same components without the environment.
 */
@Tag("heavy")
class CodeRewardsGoldenTest {

    @SuppressWarnings("unchecked")
    @Test
    void theDefaultPipelineGivesTodaysComponentsOnEveryStep() throws Exception {
        Map<String, Object> fixture;
        try (InputStream in = getClass().getResourceAsStream("/code-golden/episodes.json")) {
            assertNotNull(in, "the golden fixture");
            fixture = Json.mapper().readValue(in, Map.class);
        }
        EnvironmentProvider provider = new CodeEnvironmentProvider();
        RewardPipeline pipeline = RewardPipeline.of(PipelineConfig.parse(provider.defaultRewardPipeline(), "default"));
        int steps = 0;
        try (EnvironmentFactory factory = RewardLayer.defaults().wrap(provider).open(Map.of("max_servers", "2"))) {
            for (Object raw : (List<Object>) fixture.get("episodes")) {
                Map<String, Object> episode = (Map<String, Object>) raw;
                String where = episode.get("kind") + " " + episode.get("resolved_task");
                try (Environment env = factory.newEpisode()) {
                    Start start = env.reset(new ResetRequest(((Number) episode.get("seed")).longValue(), (String) episode.get("task"),
                            Map.of(), (Boolean) episode.get("privileged")));
                    assertEquals(episode.get("resolved_task"), start.info().get("task"));
                    // offline: the context and each step's evidence through JSON, scored without the environment
                    EpisodeRewards offline = pipeline.episode(roundTrip(start.context()));
                    int i = 0;
                    for (Object s : (List<Object>) episode.get("steps")) {
                        Map<String, Object> step = (Map<String, Object>) s;
                        String at = where + " step " + (++i);
                        Transition t = env.step(action((Map<String, Object>) step.get("action")));
                        assertEquals(step.get("error"), t.observation().lastActionError(), at);
                        assertEquals(step.get("terminated"), t.terminated(), at);
                        List<Map<String, Object>> expected = (List<Map<String, Object>>) step.get("rewards");
                        assertComponents(expected, t.rewards(), at);
                        assertComponents(expected, offline.score(roundTrip(t.evidence())).join(), at + " (re-scored from JSON)");
                        steps++;
                    }
                }
            }
        }
        assertEquals(66, steps);
    }

    @SuppressWarnings("unchecked")
    private static Action action(Map<String, Object> json) {
        return json.containsKey("text") ? Action.text((String) json.get("text"))
                : Action.tool((String) json.get("tool"), (Map<String, Object>) json.get("arguments"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> roundTrip(Map<String, Object> value) {
        return Json.read(Json.write(value), Map.class);
    }

    private static void assertComponents(List<Map<String, Object>> expected, List<RewardComponent> actual, String at) {
        List<String> want = new ArrayList<>();
        for (Map<String, Object> c : expected) {
            want.add(c.get("name") + " " + Double.doubleToLongBits(((Number) c.get("value")).doubleValue()) + " "
                    + ((Number) c.get("weight")).doubleValue() + " " + c.get("source") + " " + c.get("kind"));
        }
        List<String> got = new ArrayList<>();
        for (RewardComponent c : actual) {
            got.add(c.name() + " " + Double.doubleToLongBits(c.value()) + " " + c.weight() + " " + c.source() + " " + c.kind().wire());
        }
        assertEquals(want, got, at + ": " + actual);
    }
}
