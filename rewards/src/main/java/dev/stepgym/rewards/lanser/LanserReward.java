package dev.stepgym.rewards.lanser;

import java.util.Objects;

/**
 * Lanser-CLI's process reward (arXiv 2510.22907, equation 5.1), implemented exactly as printed:
 *
 * <pre>r_t = α(D_{t−1} − D_t) + β S_t − γ(1 − α_t)</pre>
 *
 * <p>Proposition 5.2 claims {@code r_t >= 0} whenever {@code α_t >= α_{t-1}}, {@code S_t >= S_{t-1}} and
 * {@code D_t <= D_{t-1}}. That is false as printed: the last term is never positive, and the paper's own
 * example (7 → 7 diagnostics, S = 0, α_t = 0.62) scores −0.038. What does hold is the weaker bound
 * {@code r_t >= −γ(1 − α_t)}. {@link #scoreDelta} is a variant of ours that restores the claimed property.
 *
 * <pre>{@code
 * LanserReward.score(5, 2, true, 0.94, LanserWeights.DEFAULT).r();    // 0.5*3 + 0.4*1 - 0.1*0.06 = 1.894
 * LanserReward.score(7, 7, false, 0.62, LanserWeights.DEFAULT).r();   // -0.1*0.38 = -0.038
 * }</pre>
 */
public final class LanserReward {
    private LanserReward() {
    }

    /**
     * The paper's reward for one step.
     *
     * @param diagnosticsBefore {@code D_{t-1}}: relevant diagnostics before the step, >= 0
     * @param diagnosticsAfter  {@code D_t}: relevant diagnostics after the step, >= 0
     * @param safe              {@code S_t}: the mutation passed every safety check (prepareRename
     *                          accepted, workspace jail held, no conflicts)
     * @param confidence        {@code α_t}: the selector's top disambiguation confidence, in [0, 1]
     */
    public static ProcessReward score(int diagnosticsBefore, int diagnosticsAfter, boolean safe, double confidence,
                                      LanserWeights weights) {
        Objects.requireNonNull(weights, "weights");
        double diagDelta = diagnosticDelta(diagnosticsBefore, diagnosticsAfter);
        double safety = safe ? 1.0 : 0.0;
        double ambiguityPenalty = 1.0 - requireConfidence("confidence", confidence);
        double r = weights.alpha() * diagDelta + weights.beta() * safety - weights.gamma() * ambiguityPenalty;
        return new ProcessReward(r, diagDelta, safety, ambiguityPenalty, confidence, weights);
    }

    /**
     * <b>[INFERRED] Not from the paper.</b> A delta variant that scores changes in safety and confidence
     * instead of their levels:
     *
     * <pre>r_t = α(D_{t−1} − D_t) + β(S_t − S_{t−1}) + γ(α_t − α_{t−1})</pre>
     *
     * <p>Every term is non-negative under Proposition 5.2's conditions, so there {@code r_t >= 0} for any
     * non-negative weights; a step that changes nothing scores 0 rather than a confidence penalty.
     */
    public static DeltaProcessReward scoreDelta(int diagnosticsBefore, int diagnosticsAfter,
                                                boolean safeBefore, boolean safeAfter,
                                                double confidenceBefore, double confidenceAfter,
                                                LanserWeights weights) {
        Objects.requireNonNull(weights, "weights");
        double diagDelta = diagnosticDelta(diagnosticsBefore, diagnosticsAfter);
        double safetyDelta = (safeAfter ? 1.0 : 0.0) - (safeBefore ? 1.0 : 0.0);
        double confidenceDelta = requireConfidence("confidenceAfter", confidenceAfter)
                - requireConfidence("confidenceBefore", confidenceBefore);
        double r = weights.alpha() * diagDelta + weights.beta() * safetyDelta + weights.gamma() * confidenceDelta;
        return new DeltaProcessReward(r, diagDelta, safetyDelta, confidenceDelta, weights);
    }

    private static double diagnosticDelta(int before, int after) {
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException(
                    "diagnostic counts must be >= 0, got before=" + before + " after=" + after);
        }
        return (double) before - after;
    }

    private static double requireConfidence(String name, double confidence) {
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException(name + " (α_t) must be in [0, 1], got " + confidence);
        }
        return confidence;
    }
}
