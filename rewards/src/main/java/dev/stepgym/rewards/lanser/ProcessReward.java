package dev.stepgym.rewards.lanser;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;

import java.util.List;
import java.util.Objects;

/**
 * One step's Lanser process reward and its parts, as in the paper's bundle
 * ({@code {diag_delta, safety, ambiguity_penalty, alpha_conf}}):
 * {@code r = alpha * diagDelta + beta * safety - gamma * ambiguityPenalty}.
 *
 * <pre>{@code
 * ProcessReward pr = LanserReward.score(5, 2, true, 0.94, LanserWeights.DEFAULT);
 * pr.r();                                   // 1.894
 * pr.components("lsp:pyright");             // diagnostic_delta, safety, ambiguity_penalty
 * }</pre>
 *
 * @param r                the step reward
 * @param diagDelta        {@code D_{t-1} - D_t}: positive when diagnostics went away
 * @param safety           {@code S_t}: 1 when every safety check passed, else 0
 * @param ambiguityPenalty {@code 1 - α_t}
 * @param confidence       {@code α_t}, the selector's disambiguation confidence in [0, 1]
 * @param weights          the weights {@code r} was computed with
 */
public record ProcessReward(double r, double diagDelta, double safety, double ambiguityPenalty, double confidence,
                            LanserWeights weights) {
    /** Component names, stable on the wire. */
    public static final String DIAGNOSTIC_DELTA = "diagnostic_delta";
    public static final String SAFETY = "safety";
    public static final String AMBIGUITY_PENALTY = "ambiguity_penalty";

    public ProcessReward {
        Objects.requireNonNull(weights, "weights");
    }

    /**
     * The reward as three weighted components whose {@link RewardComponent#total} equals {@link #r()}:
     * the penalty carries the negative value {@code -(1 - α_t)} and the non-negative weight {@code gamma}.
     *
     * @param source where the diagnostics came from, e.g. {@code lsp:pyright}
     */
    public List<RewardComponent> components(String source) {
        return List.of(
                new RewardComponent(DIAGNOSTIC_DELTA, diagDelta, weights.alpha(), source, RewardKind.STEP),
                new RewardComponent(SAFETY, safety, weights.beta(), source, RewardKind.STEP),
                new RewardComponent(AMBIGUITY_PENALTY, -ambiguityPenalty, weights.gamma(), source, RewardKind.PENALTY));
    }
}
