package dev.stepgym.rewards.lanser;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanserRewardTest {
    private static final double EPS = 1e-12;
    private static final LanserWeights W = LanserWeights.DEFAULT;
    /** Grids for the exhaustive property checks: small, but they include the edges 0 and 1. */
    private static final double[] CONFIDENCES = {0.0, 0.25, 0.62, 0.94, 1.0};
    private static final double[] WEIGHTS = {0.0, 0.1, 0.5, 2.0};

    @Test
    void firstWorkedExample() {
        // 0.5 * (5 - 2) + 0.4 * 1 - 0.1 * (1 - 0.94) = 1.5 + 0.4 - 0.006
        ProcessReward pr = LanserReward.score(5, 2, true, 0.94, W);
        assertEquals(1.894, pr.r(), EPS);
        assertEquals(3.0, pr.diagDelta());
        assertEquals(1.0, pr.safety());
        assertEquals(0.06, pr.ambiguityPenalty(), EPS);
        assertEquals(0.94, pr.confidence());
        assertEquals(W, pr.weights());
    }

    @Test
    void secondWorkedExample() {
        // 0.5 * 0 + 0.4 * 0 - 0.1 * (1 - 0.62) = -0.038
        assertEquals(-0.038, LanserReward.score(7, 7, false, 0.62, W).r(), EPS);
    }

    @Test
    void bundleExample() {
        // diag_delta 1, safety 1, ambiguity_penalty 0.28 (alpha_conf 0.72): 0.5 + 0.4 - 0.028
        ProcessReward pr = LanserReward.score(4, 3, true, 0.72, W);
        assertEquals(0.872, pr.r(), EPS);
        assertEquals(1.0, pr.diagDelta());
        assertEquals(0.28, pr.ambiguityPenalty(), EPS);
    }

    @Test
    void moreDiagnosticsAfterTheStepIsPunished() {
        // 0.5 * (2 - 6) + 0.4 * 1 - 0 = -1.6
        assertEquals(-1.6, LanserReward.score(2, 6, true, 1.0, W).r(), EPS);
    }

    @Test
    void componentsSumToTheReward() {
        ProcessReward pr = LanserReward.score(5, 2, true, 0.94, W);
        List<RewardComponent> parts = pr.components("lsp:pyright");
        assertEquals(List.of(ProcessReward.DIAGNOSTIC_DELTA, ProcessReward.SAFETY, ProcessReward.AMBIGUITY_PENALTY),
                parts.stream().map(RewardComponent::name).toList());
        assertEquals(pr.r(), RewardComponent.total(parts), EPS);
        RewardComponent penalty = parts.get(2);
        assertEquals(-0.06, penalty.value(), EPS);
        assertEquals(0.1, penalty.weight());
        assertEquals(RewardKind.PENALTY, penalty.kind());
        assertEquals("lsp:pyright", penalty.source());
    }

    @Test
    void weakerMonotonicityHoldsOnAGrid() {
        // Under Prop. 5.2's conditions (D_t <= D_{t-1}, S_t >= S_{t-1}, α_t >= α_{t-1}) what holds is
        // r_t >= -γ(1 - α_t). α_{t-1} does not enter the formula, so the grid runs over α_t alone.
        int checked = 0;
        for (double a : WEIGHTS) for (double b : WEIGHTS) for (double g : WEIGHTS) {
            LanserWeights w = new LanserWeights(a, b, g);
            for (int before = 0; before <= 3; before++) for (int after = 0; after <= before; after++) {
                for (boolean safe : new boolean[]{false, true}) for (double conf : CONFIDENCES) {
                    double r = LanserReward.score(before, after, safe, conf, w).r();
                    double bound = -g * (1 - conf);
                    assertTrue(r >= bound - EPS, () -> "r=" + r + " below " + bound + " for " + w);
                    checked++;
                }
            }
        }
        assertEquals(4 * 4 * 4 * 10 * 2 * 5, checked);
    }

    @Test
    void propositionFiveTwoAsPrintedHasACounterexample() {
        // Prop. 5.2 claims r_t >= 0 when α_t >= α_{t-1}, S_t >= S_{t-1}, D_t <= D_{t-1}. The paper's own second
        // example meets those conditions (D 7 -> 7, S 0 -> 0, α 0.62 -> 0.62) and scores below zero.
        assertTrue(LanserReward.score(7, 7, false, 0.62, W).r() < 0);
        // Even perfect safety cannot save it once gamma outweighs beta.
        assertEquals(-0.4, LanserReward.score(1, 1, true, 0.0, new LanserWeights(1, 0.1, 0.5)).r(), EPS);
    }

    @Test
    void deltaVariantIsNonNegativeUnderThePropositionsConditions() {
        int checked = 0;
        for (double a : WEIGHTS) for (double b : WEIGHTS) for (double g : WEIGHTS) {
            LanserWeights w = new LanserWeights(a, b, g);
            for (int before = 0; before <= 3; before++) for (int after = 0; after <= before; after++) {
                for (int sPrev = 0; sPrev <= 1; sPrev++) for (int s = sPrev; s <= 1; s++) {
                    for (double cPrev : CONFIDENCES) for (double c : CONFIDENCES) {
                        if (c < cPrev) {
                            continue;
                        }
                        DeltaProcessReward d = LanserReward.scoreDelta(before, after, sPrev == 1, s == 1, cPrev, c, w);
                        assertTrue(d.r() >= 0, () -> "negative " + d);
                        checked++;
                    }
                }
            }
        }
        // 64 weightings x 10 diagnostic pairs x 3 safety pairs x 15 confidence pairs
        assertEquals(64 * 10 * 3 * 15, checked);
    }

    @Test
    void deltaVariantScoresChanges() {
        // 0.5 * (5 - 2) + 0.4 * (1 - 0) + 0.1 * (0.94 - 0.5) = 1.5 + 0.4 + 0.044
        DeltaProcessReward d = LanserReward.scoreDelta(5, 2, false, true, 0.5, 0.94, W);
        assertEquals(1.944, d.r(), EPS);
        assertEquals(1.0, d.safetyDelta());
        assertEquals(0.44, d.confidenceDelta(), EPS);
        // the paper's second example scores 0 in the variant: nothing changed
        assertEquals(0.0, LanserReward.scoreDelta(7, 7, false, false, 0.62, 0.62, W).r(), EPS);
        // and it can still go negative when the conditions are broken (safety lost)
        assertEquals(-0.4, LanserReward.scoreDelta(3, 3, true, false, 1.0, 1.0, W).r(), EPS);
    }

    @Test
    void invalidInputsAreRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LanserWeights(0.5, -0.1, 0.1));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LanserWeights(Double.NaN, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LanserWeights(0, 0, Double.POSITIVE_INFINITY));
        e = assertThrows(IllegalArgumentException.class, () -> LanserReward.score(1, 0, true, 1.2, W));
        assertTrue(e.getMessage().contains("1.2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LanserReward.score(1, 0, true, -0.01, W));
        assertThrows(IllegalArgumentException.class, () -> LanserReward.score(1, 0, true, Double.NaN, W));
        e = assertThrows(IllegalArgumentException.class, () -> LanserReward.score(-1, 0, true, 0.5, W));
        assertTrue(e.getMessage().contains("before=-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LanserReward.score(1, -2, true, 0.5, W));
        assertThrows(NullPointerException.class, () -> LanserReward.score(1, 0, true, 0.5, null));
        assertThrows(IllegalArgumentException.class,
                () -> LanserReward.scoreDelta(1, 0, true, true, 1.5, 1.0, W));
        assertThrows(IllegalArgumentException.class,
                () -> LanserReward.scoreDelta(1, 0, true, true, 0.5, -1.0, W));
    }
}
