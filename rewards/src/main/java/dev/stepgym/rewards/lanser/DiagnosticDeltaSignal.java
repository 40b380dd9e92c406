package dev.stepgym.rewards.lanser;

import dev.stepgym.protocol.RewardKind;

/** {@code diagnostic_delta}: {@code D_{t−1} − D_t}: diagnostics relevant to the target before the change minus after; weight α (default {@link LanserWeights#DEFAULT}). */
public final class DiagnosticDeltaSignal extends LanserSignal {
    public static final String NAME = "diagnostic_delta";

    public DiagnosticDeltaSignal() {
        super(NAME, RewardKind.STEP, LanserWeights.DEFAULT.alpha(), LanserTerms::diagnosticDelta);
    }
}
