package dev.stepgym.rewards.stepsearch;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RedundancyPenaltyTest {
    private static final double EPS = 1e-12;

    @Test
    void shareOfAlreadySeenDocuments() {
        RedundancyPenalty rp = new RedundancyPenalty();
        assertEquals(0.0, rp.step(List.of("A", "B")));
        assertEquals(0.5, rp.step(List.of("B", "C")), EPS);            // B seen: 1/2
        assertEquals(0.0, rp.step(List.of()));
    }

    @Test
    void duplicatesInsideOneStepCount() {
        RedundancyPenalty rp = new RedundancyPenalty();
        assertEquals(0.5, rp.step(List.of("X", "X")), EPS);            // second X already seen: 1/2
        // C new, C seen (1/3), X seen (1/3): 2/3
        assertEquals(2.0 / 3.0, rp.step(List.of("C", "C", "X")), EPS);
    }

    @Test
    void documentsCompareAsRawStrings() {
        RedundancyPenalty rp = new RedundancyPenalty();
        rp.step(List.of("Paris"));
        assertEquals(0.0, rp.step(List.of("paris", "Paris ")));
    }

    @Test
    void copyIsIndependent() {
        RedundancyPenalty rp = new RedundancyPenalty();
        rp.step(List.of("A"));
        RedundancyPenalty fork = rp.copy();
        assertEquals(0.0, fork.step(List.of("B")));
        assertEquals(0.0, rp.step(List.of("B")));          // the fork's B is not seen here
        assertEquals(1.0, fork.step(List.of("A")), EPS);
    }

    @Test
    void nullDocumentIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RedundancyPenalty().step(Arrays.asList("A", null)));
    }
}
