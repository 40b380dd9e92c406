package dev.stepgym.rewards.lanser;

import java.util.Objects;

/**
 * The result of {@link LanserReward#scoreDelta}, the <b>[INFERRED] delta variant, not from the paper</b>:
 * {@code r = alpha * diagDelta + beta * safetyDelta + gamma * confidenceDelta}.
 *
 * <pre>{@code
 * DeltaProcessReward d = LanserReward.scoreDelta(7, 7, false, false, 0.62, 0.62, LanserWeights.DEFAULT);
 * d.r();   // 0.0 where the paper's formula gives -0.038
 * }</pre>
 *
 * @param r               the step reward
 * @param diagDelta       {@code D_{t-1} - D_t}
 * @param safetyDelta     {@code S_t - S_{t-1}}, one of -1, 0, 1
 * @param confidenceDelta {@code α_t - α_{t-1}}
 * @param weights         the weights {@code r} was computed with
 */
public record DeltaProcessReward(double r, double diagDelta, double safetyDelta, double confidenceDelta,
                                 LanserWeights weights) {
    public DeltaProcessReward {
        Objects.requireNonNull(weights, "weights");
    }
}
