package dev.stepgym.protocol;

import java.util.Objects;

/**
 * One named part of a step's reward. The step's scalar reward is the sum of {@code value * weight}
 * over its components. Penalties carry a negative value and a non-negative weight.
 *
 * <pre>{@code new RewardComponent("invalid_action", -1.0, 0.1, "env:shop", RewardKind.PENALTY)}</pre>
 *
 * @param name   stable identifier, listed in {@link EnvSpec#rewardComponents()}
 * @param value  the raw signal
 * @param weight multiplier applied by the reward configuration
 * @param source where the signal comes from, e.g. {@code env:shop}, {@code lsp:pyright}
 * @param kind   what the signal measures
 */
public record RewardComponent(String name, double value, double weight, String source, RewardKind kind) {
    public RewardComponent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(value) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("reward component " + name + " is not finite: " + value + " x " + weight);
        }
    }

    public double weighted() {
        return value * weight;
    }

    public RewardComponent withWeight(double newWeight) {
        return new RewardComponent(name, value, newWeight, source, kind);
    }

    /** The weighted sum of components: the step's scalar reward. */
    public static double total(java.util.List<RewardComponent> components) {
        double sum = 0;
        for (RewardComponent c : components) {
            sum += c.weighted();
        }
        return sum;
    }
}
