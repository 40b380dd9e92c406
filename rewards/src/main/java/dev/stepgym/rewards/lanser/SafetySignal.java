package dev.stepgym.rewards.lanser;

import dev.stepgym.protocol.RewardKind;

/** {@code safety}: {@code S_t}: 1 when the change passed every safety check, 0 for a refused one; weight β (default {@link LanserWeights#DEFAULT}). */
public final class SafetySignal extends LanserSignal {
    public static final String NAME = "safety";

    public SafetySignal() {
        super(NAME, RewardKind.STEP, LanserWeights.DEFAULT.beta(), LanserTerms::safety);
    }
}
