package dev.stepgym.rewards.igpo;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.pipeline.EpisodeRewards;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import dev.stepgym.rewards.signal.Evidence;
import dev.stepgym.rewards.signal.MissingEvidenceException;
import dev.stepgym.rewards.signal.RewardSignal;
import dev.stepgym.rewards.signal.SignalParams;
import dev.stepgym.rewards.signal.Signals;
import dev.stepgym.rewards.signal.StepScope;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IGPO's belief gain (with the trainer's beliefs, so no model loads) and outcome as signals. */
class IgpoSignalsTest {
    private static final Map<String, Object> CONTEXT = Map.of("question", "Capital of France?", "gold_answers", List.of("Paris"),
            "gold_docs", List.of("Paris is the capital of France."), "belief", 0.1);

    private static EpisodeRewards trainerBeliefs(Map<String, Object> context) {
        Map<String, Object> belief = Map.of("name", "belief_gain", "params", Map.of("scorer", Map.of("type", "trainer")));
        return RewardPipeline.of(PipelineConfig.parse(Map.of("signals", List.of(belief)), "test")).episode(context);
    }

    private static Map<String, Object> step(Object belief) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("retrieved_docs", List.of("some text"));
        if (belief != null) {
            e.put("belief", belief);
        }
        return e;
    }

    @Test
    void beliefGainIsTheChangeSinceThePreviousToolTurnAndZeroWhenABeliefIsMissing() {
        EpisodeRewards rewards = trainerBeliefs(CONTEXT);
        List<RewardComponent> first = rewards.score(step(0.35)).join();
        assertEquals(List.of(new RewardComponent("belief_gain", 0.35 - 0.1, 1.0, "trainer", RewardKind.STEP)), first);
        assertEquals(0.0, rewards.score(step(null)).join().get(0).value(), "no belief sent: 0");
        assertEquals(List.of(), rewards.score(Map.of("invalid_action", true)).join(), "not a tool turn: no component");
        assertEquals(0.0, rewards.score(step(0.9)).join().get(0).value(), "no previous belief to compare with: 0");
        assertEquals(0.7 - 0.9, rewards.score(step(0.7)).join().get(0).value());
        assertEquals(List.of(), rewards.score(Map.of("answer", "Paris", "format_valid", true)).join());
    }

    @Test
    void withoutATrainerP0TheFirstGainIsZero() {
        Map<String, Object> context = new LinkedHashMap<>(CONTEXT);
        context.remove("belief");
        EpisodeRewards rewards = trainerBeliefs(context);
        assertEquals(0.0, rewards.score(step(0.5)).join().get(0).value());
        assertEquals(0.25, rewards.score(step(0.75)).join().get(0).value());
    }

    @Test
    void theScorerIsAParameterAndItsSourceTheComponents() {
        RewardSignal signal = Signals.byName("belief_gain");
        assertEquals("proxy:minilm-evidence", signal.source(SignalParams.of(signal, Map.of())));
        assertEquals("openai:qwen", signal.source(SignalParams.of(signal, Map.of("scorer",
                Map.of("type", "openai", "base_url", "http://127.0.0.1:9/v1", "model", "qwen", "timeout_ms", 300)))));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> signal.bind(SignalParams.of(signal,
                Map.of("scorer", Map.of("type", "openai", "api_key", "sk-x"))))).getMessage().contains("api_key_env"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> signal.bind(SignalParams.of(signal,
                Map.of("scorer", Map.of("type", "vllm"))))).getMessage().contains("belief_gain"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> signal.bind(SignalParams.of(signal,
                Map.of("timeout_ms", 0)))).getMessage().contains("timeout_ms"));
    }

    @Test
    void igpoOutcomeTakesTheFirstAnswerAndGatesOnBalancedTags() {
        RewardPipeline pipeline = RewardPipeline.of(PipelineConfig.parse(Map.of("signals", List.of(Map.of("name", "igpo_outcome"))), "test"));
        assertEquals(List.of(new RewardComponent("igpo_outcome", 1.0, 1.0, "igpo:f1", RewardKind.OUTCOME)), pipeline.episode(CONTEXT)
                .score(Map.of("answer", "x", "response", "<think>x</think><answer>Paris Paris</answer><answer>no</answer>")).join());
        assertEquals(-2.0, pipeline.episode(CONTEXT).score(Map.of("answer", "x", "response", "<think>x<answer>Paris</answer>"))
                .join().get(0).value());
        assertEquals(List.of(), pipeline.episode(CONTEXT).score(Map.of("retrieved_docs", List.of())).join());
    }

    @Test
    void missingEvidenceNamesTheSignalAndTheField() {
        assertMissing("belief_gain", "question", Map.of("gold_answers", List.of("a"), "gold_docs", List.of()), step(0.5));
        assertMissing("belief_gain", "gold_docs", Map.of("question", "q", "gold_answers", List.of("a")), step(0.5));
        assertMissing("igpo_outcome", "response", CONTEXT, Map.of("answer", "a"));
    }

    private static void assertMissing(String name, String field, Map<String, Object> context, Map<String, Object> evidence) {
        RewardSignal s = Signals.byName(name);
        Map<String, Object> params = name.equals("belief_gain") ? Map.of("scorer", Map.of("type", "trainer")) : Map.of();
        RewardSignal.Bound bound = s.bind(SignalParams.of(s, params));
        StepScope scope = new StepScope(1, Evidence.of(name, "context", context), List.of(), Evidence.of(name, "evidence", evidence));
        MissingEvidenceException e = assertThrows(MissingEvidenceException.class, () -> bound.score(scope));
        assertEquals(name, e.signal());
        assertEquals(field, e.field());
    }
}
