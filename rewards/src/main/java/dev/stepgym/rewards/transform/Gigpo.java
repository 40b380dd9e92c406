package dev.stepgym.rewards.transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code gigpo}: GiGPO's two-level advantage (docs/reward-methods.md §2.9 "Bonus: GiGPO" and §3(c)
 * "anchor-state step groups"; verl-agent {@code gigpo/core_gigpo.py}):
 *
 * <pre>
 * A_E,i    = GRPO of the outcomes over the group             (a group of one: mean 0, std 1)
 * G_i,t    = r_i,t + gamma * G_i,t+1                          step return; the final step's r holds the outcome
 * anchor   = the steps of the whole group with the same state hash
 * A_S,i,t  = (G_i,t - mean_anchor G) / (std_anchor G + eps)   normalize_std = true, std UNBIASED
 *          =  G_i,t - mean_anchor G                           normalize_std = false (default, "mean_norm")
 * A_S      = 0 for a step whose state no other step shares    (the reference: mean = itself, std = 1)
 * A_i,t    = A_E,i + step_weight * A_S,i,t
 * </pre>
 *
 * Every trajectory with steps needs one state hash per step. The scalar is {@code A_E,i}.
 * Parameters: {@code step_weight} (1.0), {@code normalize_std} (false, the reference's default mode
 * {@code mean_norm}), {@code epsilon} (1e-6), {@code gamma} (1.0; verl-agent's scripts pass 0.95).
 */
public final class Gigpo implements CreditTransform {
    @Override
    public String name() {
        return "gigpo";
    }

    @Override
    public Scope scope() {
        return Scope.GROUP;
    }

    @Override
    public Map<String, Object> defaultParams() {
        return Map.of("step_weight", 1.0, "normalize_std", false, "epsilon", 1e-6, "gamma", 1.0);
    }

    @Override
    public TransformResult apply(TrajectoryGroup group, TransformParams params) {
        double weight = params.number("step_weight");
        boolean normalizeStd = params.bool("normalize_std");
        double epsilon = params.positive("epsilon");
        double gamma = params.unitInterval("gamma");
        List<TrajectoryRewards> members = group.members();

        double[] episode = GroupStats.groupRelative(group.outcomes(), normalizeStd, epsilon);
        double[][] returns = new double[members.size()][];
        // Anchor state -> its steps as {member, step}, in the order met; each group's list is summed in that order.
        Map<String, List<int[]>> anchors = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            TrajectoryRewards member = members.get(i);
            if (member.steps() > 0 && member.stateHashes().isEmpty()) {
                throw new IllegalArgumentException("transform gigpo: trajectory \"" + member.id() + "\" has "
                        + member.steps() + " steps but no state hashes (anchor states need one per step)");
            }
            returns[i] = Returns.toGo(member.rewardsWithOutcome(), gamma);
            for (int t = 0; t < member.steps(); t++) {
                anchors.computeIfAbsent(member.stateHashes().get(t), k -> new ArrayList<>()).add(new int[] {i, t});
            }
        }

        double[][] step = new double[members.size()][];
        for (int i = 0; i < members.size(); i++) {
            step[i] = new double[members.get(i).steps()];   // 0 unless an anchor group says otherwise
        }
        for (List<int[]> anchor : anchors.values()) {
            if (anchor.size() < 2) {
                continue;   // a state met once has nothing to compare with: A_S = 0
            }
            double[] stepReturns = new double[anchor.size()];
            for (int k = 0; k < stepReturns.length; k++) {
                stepReturns[k] = returns[anchor.get(k)[0]][anchor.get(k)[1]];
            }
            double[] normalised = GroupStats.groupRelative(stepReturns, normalizeStd, epsilon);
            for (int k = 0; k < normalised.length; k++) {
                step[anchor.get(k)[0]][anchor.get(k)[1]] = normalised[k];
            }
        }

        List<TrajectoryValues> out = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            double[] values = new double[step[i].length];
            for (int t = 0; t < values.length; t++) {
                values[t] = episode[i] + weight * step[i][t];
            }
            out.add(TrajectoryValues.of(members.get(i).id(), values, OptionalDouble.of(episode[i])));
        }
        return new TransformResult(name(), out);
    }
}
