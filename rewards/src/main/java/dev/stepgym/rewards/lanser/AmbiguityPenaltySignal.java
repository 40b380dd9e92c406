package dev.stepgym.rewards.lanser;

import dev.stepgym.protocol.RewardKind;

/** {@code ambiguity_penalty}: {@code −(1 − α_t)}, α_t the selector's confidence; weight γ (default {@link LanserWeights#DEFAULT}). */
public final class AmbiguityPenaltySignal extends LanserSignal {
    public static final String NAME = "ambiguity_penalty";

    public AmbiguityPenaltySignal() {
        super(NAME, RewardKind.PENALTY, LanserWeights.DEFAULT.gamma(), LanserTerms::ambiguityPenalty);
    }
}
