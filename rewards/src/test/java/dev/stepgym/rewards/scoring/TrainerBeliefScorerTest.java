package dev.stepgym.rewards.scoring;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerBeliefScorerTest {
    private final TrainerBeliefScorer scorer = new TrainerBeliefScorer();

    @Test
    void passesTheTrainersBeliefOn() {
        assertEquals(0.37, scorer.belief(query(0.37)).join());
        assertEquals(0.0, scorer.belief(query(0.0)).join());
        assertEquals(1.0, scorer.belief(query(1.0)).join());
        assertEquals("trainer", scorer.source());
    }

    @Test
    void missingBeliefIsUnavailable() {
        assertUnavailable(null, "the trainer sent no belief");
    }

    @Test
    void beliefOutsideTheUnitIntervalOrNanIsUnavailable() {
        assertUnavailable(1.2, "must be a probability in [0, 1], got 1.2");
        assertUnavailable(-0.1, "got -0.1");
        assertUnavailable(Double.NaN, "got NaN");
    }

    private void assertUnavailable(Double belief, String messagePart) {
        CompletionException e = assertThrows(CompletionException.class, () -> scorer.belief(query(belief)).join());
        assertInstanceOf(BeliefUnavailableException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains(messagePart), e.getCause().getMessage());
    }

    private static BeliefQuery query(Double belief) {
        return new BeliefQuery("q", List.of(), "a", List.of(), List.of(), belief);
    }
}
