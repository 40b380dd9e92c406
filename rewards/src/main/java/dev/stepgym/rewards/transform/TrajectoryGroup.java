package dev.stepgym.rewards.transform;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The trajectories a group transform compares: the {@code n} rollouts of one task ({@code uid}), in
 * a fixed order that every result keeps.
 *
 * @param members at least one trajectory, ids unique
 */
public record TrajectoryGroup(List<TrajectoryRewards> members) {
    public TrajectoryGroup {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a group needs at least one trajectory");
        }
        Set<String> ids = new HashSet<>();   // membership only: nothing is summed over it
        for (TrajectoryRewards member : members) {
            if (member == null) {
                throw new IllegalArgumentException("a group member is null");
            }
            if (!ids.add(member.id())) {
                throw new IllegalArgumentException("two trajectories in the group have the id \"" + member.id() + "\"");
            }
        }
        members = List.copyOf(members);
    }

    public static TrajectoryGroup of(TrajectoryRewards... members) {
        return new TrajectoryGroup(List.of(members));
    }

    public int size() {
        return members.size();
    }

    /** Each member's outcome, in order. */
    double[] outcomes() {
        double[] out = new double[members.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = members.get(i).outcome();
        }
        return out;
    }
}
