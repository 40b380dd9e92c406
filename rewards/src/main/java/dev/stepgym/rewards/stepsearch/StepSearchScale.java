package dev.stepgym.rewards.stepsearch;

/**
 * The factor StepSearch step scores are multiplied by before they join the token rewards.
 *
 * <p>The reference trainer's {@code RewardManager} has {@code step_reward_scale = 0.6} and adds
 * {@code 0.6 * helper(row)} to the reward row, but the helper writes the step scores into that same
 * row in place and returns it, so the row ends up holding {@code s + 0.6 * s = 1.6 * s}
 * (docs/reward-methods.md §2.2 and §4, pitfall 1). {@link #INTENDED} is what the code says;
 * {@link #FIDELITY} reproduces what the published models were actually trained with.
 *
 * <pre>{@code
 * double reward = StepSearchScale.FIDELITY.apply(ig - rp);   // 1.6 * (ig - rp)
 * }</pre>
 */
public enum StepSearchScale {
    /** {@code step_reward_scale} as configured: 0.6. */
    INTENDED(0.6),
    /** The effective scale of the reference code after its in-place update: 1.6. */
    FIDELITY(1.6);

    private final double factor;

    StepSearchScale(double factor) {
        this.factor = factor;
    }

    public double factor() {
        return factor;
    }

    /** {@code factor * stepScore}. */
    public double apply(double stepScore) {
        return factor * stepScore;
    }
}
