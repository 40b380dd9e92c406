package dev.stepgym.rewards.igpo;

import dev.stepgym.rewards.igpo.IgpoOutcome.Variant;
import dev.stepgym.rewards.stepsearch.StepSearchOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IgpoOutcomeTest {
    private static final double EPS = 1e-12;
    private static final List<String> PARIS = List.of("Paris");

    @Test
    void firstAnswerBlockIsScoredWhereStepSearchTakesTheLast() {
        String response = "<think>hmm</think><answer>London</answer><answer>Paris</answer>";
        IgpoOutcome.Result igpo = IgpoOutcome.evaluate(response, PARIS, Variant.F1);
        assertEquals(Optional.of("london"), igpo.answer());
        assertEquals(0.0, igpo.score());
        assertEquals(1.0, StepSearchOutcome.evaluate(response, PARIS, List.of(), List.of()).f1());
    }

    @Test
    void setF1IgnoresRepeatedTokens() {
        // set {paris} vs {paris}: 1.0, where StepSearch's bag F1 gives round(2/3, 4) = 0.6667
        String response = "<answer>Paris Paris</answer>";
        assertEquals(1.0, IgpoOutcome.evaluate(response, PARIS, Variant.F1).score(), EPS);
        assertEquals(0.6667, StepSearchOutcome.evaluate(response, PARIS, List.of(), List.of()).f1());
    }

    @Test
    void punctuationSplitsWordsInsteadOfGluingThem() {
        // "u.s.a." -> "u s a" on both sides: set F1 1. (SQuAD normalisation would give "usa" vs "u s a".)
        IgpoOutcome.Result r = IgpoOutcome.evaluate("<answer>U.S.A.</answer>", List.of("u s a"), Variant.F1);
        assertEquals(Optional.of("u s a"), r.answer());
        assertEquals(1.0, r.score(), EPS);
        // partial: {new, york, city} vs {new, york}: P = 2/3, R = 1, F1 = 0.8
        assertEquals(0.8, IgpoOutcome.evaluate("<answer>New-York city</answer>", List.of("New York"), Variant.F1).score(), EPS);
    }

    @Test
    void unbalancedTagsGiveMinusTwoOrZeroWithoutFormat() {
        String unclosedThink = "<think>hmm<answer>Paris</answer>";
        IgpoOutcome.Result f1 = IgpoOutcome.evaluate(unclosedThink, PARIS, Variant.F1);
        assertFalse(f1.formatValid());
        assertEquals(-2.0, f1.score());
        assertEquals(-2.0, f1.reward());
        assertEquals(0.0, IgpoOutcome.evaluate(unclosedThink, PARIS, Variant.NO_FORMAT_F1).score());
        assertEquals(-2.0, IgpoOutcome.evaluate(unclosedThink, PARIS, Variant.EM).score());
        assertEquals(-2.0, IgpoOutcome.evaluate("<code>x<answer>Paris</answer>", PARIS, Variant.F1).score());
        assertEquals(-2.0, IgpoOutcome.evaluate("<tool_call>{}</tool_call></tool_call><answer>Paris</answer>", PARIS, Variant.F1).score());
    }

    @Test
    void missingAnswerGivesMinusTwo() {
        assertEquals(-2.0, IgpoOutcome.evaluate("<think>Paris</think>", PARIS, Variant.F1).score());
        assertEquals(0.0, IgpoOutcome.evaluate("<think>Paris</think>", PARIS, Variant.NO_FORMAT_F1).score());
    }

    @Test
    void tagsAreMatchedAfterLowerCasing() {
        IgpoOutcome.Result r = IgpoOutcome.evaluate("<THINK>x</Think><ANSWER>Paris</ANSWER>", PARIS, Variant.F1);
        assertTrue(r.formatValid());
        assertEquals(1.0, r.score());
    }

    @Test
    void tagBalanceChecksOrderNotJustCounts() {
        // counts equal (1 and 1), but the only open tag has no close after it
        assertFalse(IgpoOutcome.tagsBalanced("</think><think>"));
        assertTrue(IgpoOutcome.tagsBalanced("<think><think></think></think>"));
        assertTrue(IgpoOutcome.tagsBalanced("no tags at all"));
        // case-sensitive on its own: upper-case tags are not the checked tags
        assertTrue(IgpoOutcome.tagsBalanced("<THINK>"));
    }

    @Test
    void exactMatchVariantAndGoldAlternatives() {
        List<String> golds = IgpoGold.alternatives("NYC<|answer_split|>New York");
        assertEquals(1.0, IgpoOutcome.evaluate("<answer>new-york</answer>", golds, Variant.EM).score());
        assertEquals(0.0, IgpoOutcome.evaluate("<answer>new york city</answer>", golds, Variant.EM).score());
        // F1 takes the best alternative: vs "new york" P = 2/3, R = 1 -> 0.8
        assertEquals(0.8, IgpoOutcome.evaluate("<answer>new york city</answer>", golds, Variant.F1).score(), EPS);
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> IgpoOutcome.evaluate("<answer>x</answer>", null, Variant.F1));
        assertThrows(IllegalArgumentException.class, () -> IgpoOutcome.evaluate(null, PARIS, Variant.F1));
    }
}
