package dev.stepgym.rewards.stepsearch;

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

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The StepSearch signals over hand-made evidence, with values worked out by hand. */
class StepSearchSignalsTest {
    private static final List<String> NAMES = List.of("information_gain", "redundancy_penalty", "answer_f1", "answer_em",
            "search_key_match", "format_gate");

    private static EpisodeRewards episode(Map<String, Object> context) {
        List<Object> signals = NAMES.stream().map(n -> (Object) Map.of("name", n)).toList();
        return RewardPipeline.of(PipelineConfig.parse(Map.of("signals", signals), "test")).episode(context);
    }

    private static Map<String, Double> values(List<RewardComponent> components) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        components.forEach(c -> out.put(c.name(), c.value()));
        return out;
    }

    @Test
    void informationGainCountsOnlyImprovementsPerGoldAndRedundancyTheShareSeenBefore() {
        EpisodeRewards rewards = episode(Map.of("gold_docs", List.of("paris france", "berlin germany")));
        // One of two gold paragraphs matched exactly (cosine 1, up to rounding): IG = (1 + 0) / 2.
        assertClose(Map.of("information_gain", 0.5, "redundancy_penalty", 0.0),
                values(rewards.score(Map.of("retrieved_docs", List.of("Paris, France!"))).join()));
        // The second gold now, the first again: only the improvement counts; one of two texts seen before.
        assertClose(Map.of("information_gain", 0.5, "redundancy_penalty", -0.5),
                values(rewards.score(Map.of("retrieved_docs", List.of("Paris, France!", "Berlin Germany"))).join()));
        assertClose(Map.of("information_gain", 0.0, "redundancy_penalty", -1.0),
                values(rewards.score(Map.of("retrieved_docs", List.of("Berlin Germany"))).join()));
        assertEquals(List.of(), rewards.score(Map.of("invalid_action", true)).join(), "no retrieval, no StepSearch component");
    }

    private static void assertClose(Map<String, Double> expected, Map<String, Double> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, value) -> assertEquals(value, actual.get(name), 1e-12, name));
    }

    @Test
    void withoutGoldParagraphsStepSearchGivesZeroStepScores() {
        EpisodeRewards rewards = episode(Map.of("gold_docs", List.of()));
        rewards.score(Map.of("retrieved_docs", List.of("A"))).join();
        List<RewardComponent> again = rewards.score(Map.of("retrieved_docs", List.of("A", "A"))).join();
        assertEquals(Map.of("information_gain", 0.0, "redundancy_penalty", 0.0), values(again));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(again.get(1).value()), "never -0.0");
        assertEquals(new RewardComponent("redundancy_penalty", 0.0, 0.6, "stepsearch:redundancy", RewardKind.PENALTY), again.get(1));
    }

    @Test
    void theAnswerStepScoresF1ExactMatchSearchKeysAndTheGate() {
        Map<String, Object> context = Map.of("gold_docs", List.of("x"), "gold_answers", List.of("Paris", "City of Light"),
                "search_keys", List.of(List.of("capital of france"), List.of("population of paris")));
        EpisodeRewards rewards = episode(context);
        rewards.score(Map.of("query", "capital of France", "retrieved_docs", List.of())).join();
        List<RewardComponent> answer = rewards.score(Map.of("answer", "the city of Paris", "format_valid", true)).join();
        // Bag F1 of [city, of, paris] against [paris]: P 1/3, R 1, F1 0.5; against [city, of, light]: P 2/3, R 2/3.
        assertEquals(Map.of("answer_f1", 0.6667, "answer_em", 0.0, "search_key_match", 0.5, "format_gate", 0.0), values(answer));
        assertEquals(new RewardComponent("search_key_match", 0.5, 0.618, "stepsearch:search_keys", RewardKind.OUTCOME), answer.get(2));
        assertEquals(new RewardComponent("answer_em", 0.0, 0.0, "stepsearch:f1", RewardKind.OUTCOME), answer.get(1));

        EpisodeRewards exact = episode(context);
        assertEquals(Map.of("answer_f1", 1.0, "answer_em", 1.0, "search_key_match", 0.0, "format_gate", 0.0),
                values(exact.score(Map.of("answer", "paris!", "format_valid", true)).join()));
        EpisodeRewards gated = episode(context);
        gated.score(Map.of("query", "capital of France", "retrieved_docs", List.of())).join();
        assertEquals(Map.of("answer_f1", 0.0, "answer_em", 0.0, "search_key_match", 0.0, "format_gate", -1.0),
                values(gated.score(Map.of("answer", "Paris", "format_valid", false)).join()), "a failed gate scores nothing");
    }

    @Test
    void theGateReadsWhitespaceAsPythonDoes() {
        assertTrue(StepSearchOutcome.lastAnswerBlock("<answer>Paris</answer>\u00a0\u2007\n").orElseThrow().gatePassed(),
                "Python's strip removes U+00A0 and U+2007; Java's isBlank does not");
        assertFalse(StepSearchOutcome.lastAnswerBlock("<answer>Paris</answer> more").orElseThrow().gatePassed());
        assertEquals(Optional.empty(), StepSearchOutcome.lastAnswerBlock("Paris"));
        assertEquals(1.0, StepSearchOutcome.evaluate("<answer>Paris</answer>\u00a0", List.of("Paris"), List.of()).score());
    }

    @Test
    void missingEvidenceNamesTheSignalAndTheField() {
        assertMissing("information_gain", "gold_docs", Map.of(), Map.of("retrieved_docs", List.of("a")));
        assertMissing("redundancy_penalty", "gold_docs", Map.of(), Map.of("retrieved_docs", List.of("a")));
        assertMissing("answer_f1", "format_valid", Map.of("gold_answers", List.of("a")), Map.of("answer", "a"));
        assertMissing("answer_em", "gold_answers", Map.of(), Map.of("answer", "a", "format_valid", true));
        assertMissing("search_key_match", "search_keys", Map.of("gold_answers", List.of("a")), Map.of("answer", "a", "format_valid", true));
        assertMissing("format_gate", "format_valid", Map.of("gold_answers", List.of("a")), Map.of("answer", "a", "format_valid", "yes"));
        assertMissing("information_gain", "retrieved_docs", Map.of("gold_docs", List.of()), Map.of("retrieved_docs", "a"));
    }

    static void assertMissing(String signal, String field, Map<String, Object> context, Map<String, Object> evidence) {
        RewardSignal s = Signals.byName(signal);
        RewardSignal.Bound bound = s.bind(SignalParams.of(s, Map.of()));
        StepScope scope = new StepScope(1, Evidence.of(signal, "context", context), List.of(), Evidence.of(signal, "evidence", evidence));
        MissingEvidenceException e = assertThrows(MissingEvidenceException.class, () -> bound.score(scope));
        assertEquals(signal, e.signal());
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(signal) && e.getMessage().contains(field), e.getMessage());
    }
}
