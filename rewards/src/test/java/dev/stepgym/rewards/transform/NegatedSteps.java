package dev.stepgym.rewards.transform;

import java.util.OptionalDouble;

/**
 * A test-only transform: proves a new transform is one class plus one line in
 * {@code src/test/resources/META-INF/services/dev.stepgym.rewards.transform.CreditTransform}.
 */
public final class NegatedSteps implements TrajectoryTransform {
    @Override
    public String name() {
        return "test_negated_steps";
    }

    @Override
    public TrajectoryValues applyTo(TrajectoryRewards trajectory, TransformParams params) {
        double[] values = trajectory.stepRewardArray();
        for (int t = 0; t < values.length; t++) {
            values[t] = -values[t];
        }
        return TrajectoryValues.of(trajectory.id(), values, OptionalDouble.empty());
    }
}
