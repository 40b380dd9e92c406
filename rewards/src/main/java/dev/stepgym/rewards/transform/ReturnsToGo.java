package dev.stepgym.rewards.transform;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code returns_to_go}: the discounted return from each step,
 * {@code R_t = r_t + gamma * R_{t+1}}, where {@code r_t} is the step reward and the final step's
 * {@code r_t} also holds the outcome (docs/reward-methods.md §3(c); IGPO and PURE use gamma = 1).
 * The scalar is {@code R_0}, the trajectory's return. Parameter {@code gamma} in [0, 1], default 1.
 */
public final class ReturnsToGo implements TrajectoryTransform {
    @Override
    public String name() {
        return "returns_to_go";
    }

    @Override
    public Map<String, Object> defaultParams() {
        return Map.of("gamma", 1.0);
    }

    @Override
    public TrajectoryValues applyTo(TrajectoryRewards trajectory, TransformParams params) {
        double[] returns = Returns.toGo(trajectory.rewardsWithOutcome(), params.unitInterval("gamma"));
        return TrajectoryValues.of(trajectory.id(), returns,
                returns.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(returns[0]));
    }
}
