package dev.stepgym.rewards.stepsearch;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepSearchOutcomeTest {
    private static final double EPS = 1e-12;
    private static final List<String> PARIS = List.of("Paris");

    @Test
    void lastAnswerBlockIsScored() {
        StepSearchOutcome.Result r = StepSearchOutcome.evaluate(
                "<answer>London</answer> then <answer> Paris </answer>", PARIS, List.of(), List.of());
        assertTrue(r.gatePassed());
        assertEquals(Optional.of("Paris"), r.answer());
        assertEquals(1.0, r.f1());
        assertEquals(1.0, r.score());
    }

    @Test
    void textAfterTheLastAnswerFailsTheGateAndDropsStepScores() {
        StepSearchOutcome.Result r = StepSearchOutcome.evaluate("<answer>Paris</answer> thanks!", PARIS,
                List.of("capital of france"), List.of(List.of("capital of france")));
        assertFalse(r.gatePassed());
        assertFalse(r.keepsStepScores());
        assertEquals(-1.0, r.score());
        assertEquals(1.0, r.f1());              // still reported, as answer_correct is
        assertEquals(0.0, r.searchKeyScore());
    }

    @Test
    void trailingWhitespaceIsAllowed() {
        assertTrue(StepSearchOutcome.evaluate("<answer>Paris</answer>\n \u00a0", PARIS, List.of(), List.of()).gatePassed());
    }

    @Test
    void missingAnswerFailsTheGate() {
        StepSearchOutcome.Result r = StepSearchOutcome.evaluate("<answer>Paris", PARIS, List.of(), List.of());
        assertEquals(new StepSearchOutcome.Result(false, Optional.empty(), 0.0, 0.0, -1.0), r);
    }

    @Test
    void scoreAddsWeightedSearchKeysToRoundedF1() {
        String response = "<search> capital of France </search>\n<information><## Title: Paris ##> Paris is ..."
                + "</information>\n<answer>Paris France</answer>";
        List<List<String>> keys = List.of(List.of("capital of france"), List.of("population of paris"));
        StepSearchOutcome.Result r = StepSearchOutcome.evaluate(response, PARIS, keys);
        // F1("paris france", "paris") = 2/3 -> 0.6667; SK = (1 + 0) / 2 = 0.5; score = 0.6667 + 0.618 * 0.5 = 0.9757
        assertEquals(0.6667, r.f1(), 0.0);
        assertEquals(0.5, r.searchKeyScore(), EPS);
        assertEquals(0.9757, r.score(), EPS);
    }

    @Test
    void searchQueriesAreTheStrippedSearchBlocks() {
        assertEquals(List.of("a", "bc"), StepSearchOutcome.searchQueries("<search> a </search> x <search>b<search>c</search>"));
        assertThrows(IllegalArgumentException.class, () -> StepSearchOutcome.evaluate(null, PARIS, List.of()));
    }

    @Test
    void stepScaleIntendedAndFidelity() {
        // RewardManager adds 0.6 * row to a row that already holds s: s + 0.6 s = 1.6 s.
        assertEquals(0.3, StepSearchScale.INTENDED.apply(0.5), EPS);
        assertEquals(0.8, StepSearchScale.FIDELITY.apply(0.5), EPS);
        assertEquals(StepSearchScale.INTENDED.factor() + 1.0, StepSearchScale.FIDELITY.factor(), EPS);
    }
}
