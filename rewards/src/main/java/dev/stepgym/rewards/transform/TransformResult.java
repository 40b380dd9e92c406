package dev.stepgym.rewards.transform;

import java.util.List;

/**
 * What a transform gives for a group: one {@link TrajectoryValues} per member, in the group's order.
 *
 * @param transform    the transform's name
 * @param trajectories aligned with {@link TrajectoryGroup#members()}
 */
public record TransformResult(String transform, List<TrajectoryValues> trajectories) {
    public TransformResult {
        trajectories = List.copyOf(trajectories);
    }

    /** The per-step (or per-token) values, aligned with the group's members. */
    public List<List<Double>> values() {
        return trajectories.stream().map(TrajectoryValues::values).toList();
    }

    /** The values of the {@code i}-th member. */
    public List<Double> values(int i) {
        return trajectories.get(i).values();
    }
}
