package dev.stepgym.rewards.transform;

import java.util.List;

/**
 * The rewards of one finished trajectory, as a transform reads them.
 *
 * <table>
 *   <caption>which fields each transform reads</caption>
 *   <tr><th>transform</th><th>stepRewards</th><th>stateHashes</th><th>outcome</th></tr>
 *   <tr><td>returns_to_go, igpo</td><td>yes</td><td>no</td><td>yes, added at the final step</td></tr>
 *   <tr><td>gigpo</td><td>yes (step returns)</td><td>yes (anchor states)</td><td>yes: episode advantage, and added at the final step</td></tr>
 *   <tr><td>pure_min_form</td><td>yes (step scores)</td><td>no</td><td>no</td></tr>
 *   <tr><td>grpo, rloo</td><td>only their count</td><td>no</td><td>yes</td></tr>
 *   <tr><td>token_placement</td><td>yes (the values placed)</td><td>no</td><td>no</td></tr>
 * </table>
 *
 * @param id          the trajectory's id ({@code traj_uid}), unique within a group; errors name it
 * @param stepRewards the per-step (process) rewards in step order, <em>without</em> the outcome:
 *                    transforms that need the outcome on the final step add it there themselves
 * @param stateHashes one hash of the state each step acted in, aligned with {@code stepRewards}, or
 *                    empty when unknown (only {@code gigpo} needs them)
 * @param outcome     the episode's outcome reward (e.g. the final score)
 */
public record TrajectoryRewards(String id, List<Double> stepRewards, List<String> stateHashes, double outcome) {
    public TrajectoryRewards {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a trajectory needs a non-blank id");
        }
        if (stepRewards == null) {
            throw new IllegalArgumentException("trajectory \"" + id + "\": stepRewards must not be null");
        }
        for (int t = 0; t < stepRewards.size(); t++) {
            Double r = stepRewards.get(t);
            if (r == null || !Double.isFinite(r)) {
                throw new IllegalArgumentException("trajectory \"" + id + "\": stepRewards[" + t + "] must be a finite number, got " + r);
            }
        }
        if (stateHashes == null) {
            stateHashes = List.of();
        }
        if (!stateHashes.isEmpty() && stateHashes.size() != stepRewards.size()) {
            throw new IllegalArgumentException("trajectory \"" + id + "\": " + stateHashes.size() + " state hashes for "
                    + stepRewards.size() + " steps (give one per step, or none)");
        }
        for (String hash : stateHashes) {   // not contains(null): immutable lists refuse to look for null
            if (hash == null) {
                throw new IllegalArgumentException("trajectory \"" + id + "\": a state hash is null");
            }
        }
        if (!Double.isFinite(outcome)) {
            throw new IllegalArgumentException("trajectory \"" + id + "\": outcome must be a finite number, got " + outcome);
        }
        stepRewards = List.copyOf(stepRewards);
        stateHashes = List.copyOf(stateHashes);
    }

    /** A trajectory without state hashes. */
    public static TrajectoryRewards of(String id, double outcome, double... stepRewards) {
        return new TrajectoryRewards(id, java.util.Arrays.stream(stepRewards).boxed().toList(), List.of(), outcome);
    }

    /** The same trajectory with other per-step values, e.g. a transform's output to place on tokens. */
    public TrajectoryRewards withStepRewards(List<Double> values) {
        return new TrajectoryRewards(id, values, stateHashes.size() == values.size() ? stateHashes : List.of(), outcome);
    }

    public int steps() {
        return stepRewards.size();
    }

    /** {@code r_t}: the step rewards with the outcome added at the final step; empty without steps. */
    double[] rewardsWithOutcome() {
        double[] r = stepRewardArray();
        if (r.length > 0) {
            r[r.length - 1] += outcome;
        }
        return r;
    }

    /** The step rewards as a fresh array. */
    double[] stepRewardArray() {
        double[] r = new double[stepRewards.size()];
        for (int t = 0; t < r.length; t++) {
            r[t] = stepRewards.get(t);
        }
        return r;
    }
}
