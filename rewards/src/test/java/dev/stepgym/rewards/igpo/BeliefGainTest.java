package dev.stepgym.rewards.igpo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BeliefGainTest {
    private static final double EPS = 1e-12;

    @Test
    void gainIsTheChangeFromThePreviousBelief() {
        BeliefGain gain = new BeliefGain(0.10);
        assertEquals(0.15, gain.step(0.25), EPS);
        assertEquals(-0.05, gain.step(0.20), EPS);     // beliefs can fall: a negative turn reward
        assertEquals(0.20, gain.belief());
    }

    @Test
    void copyIsIndependent() {
        BeliefGain gain = new BeliefGain(0.5);
        BeliefGain fork = gain.copy();
        assertEquals(0.25, fork.step(0.75), EPS);
        assertEquals(-0.25, gain.step(0.25), EPS);
    }

    @Test
    void beliefIsTheGeometricMeanTokenProbability() {
        // log-probs ln(1/2), ln(1/8): mean = (-0.6931472 - 2.0794415) / 2 = -1.3862944 = ln(1/4) -> 0.25
        assertEquals(0.25, BeliefGain.fromLogProbs(Math.log(0.5), Math.log(0.125)), EPS);
        assertEquals(0.0, BeliefGain.fromLogProbs(-1.0, Double.NEGATIVE_INFINITY));
        assertEquals(1.0, BeliefGain.fromLogProbs(1e-9));   // rounding noise above 0 is capped
    }

    @Test
    void invalidBeliefsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BeliefGain(1.5));
        assertThrows(IllegalArgumentException.class, () -> new BeliefGain(0.5).step(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new BeliefGain(0.5).step(-0.1));
        assertThrows(IllegalArgumentException.class, () -> BeliefGain.fromLogProbs());
        assertThrows(IllegalArgumentException.class, () -> BeliefGain.fromLogProbs(Double.NaN));
    }
}
