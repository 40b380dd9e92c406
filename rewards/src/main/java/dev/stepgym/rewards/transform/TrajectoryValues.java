package dev.stepgym.rewards.transform;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A transform's output for one trajectory.
 *
 * @param id     the trajectory's id
 * @param values one value per step (per token for {@code token_placement}), in order
 * @param scalar the trajectory-level value where the transform defines one (its return, or its
 *               episode advantage), else empty
 */
public record TrajectoryValues(String id, List<Double> values, OptionalDouble scalar) {
    public TrajectoryValues {
        values = List.copyOf(values);
    }

    static TrajectoryValues of(String id, double[] values, OptionalDouble scalar) {
        return new TrajectoryValues(id, java.util.Arrays.stream(values).boxed().toList(), scalar);
    }

    /** The same value on each of {@code steps} steps (P-broadcast of a trajectory-level advantage). */
    static TrajectoryValues broadcast(String id, double value, int steps) {
        return new TrajectoryValues(id, java.util.Collections.nCopies(steps, value), OptionalDouble.of(value));
    }
}
