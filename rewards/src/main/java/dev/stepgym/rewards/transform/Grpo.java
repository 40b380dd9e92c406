package dev.stepgym.rewards.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code grpo}: group-relative advantage of the outcome (docs/reward-methods.md §2.12, pitfall 10),
 * as verl's {@code compute_grpo_outcome_advantage}:
 *
 * <pre>
 * A_i = (R_i - mean_G R) / (std_G R + epsilon)     normalize_std = true (default); std UNBIASED (N-1)
 * A_i =  R_i - mean_G R                            normalize_std = false (Dr.GRPO)
 * a group of one: mean 0, std 1, so A = R / (1 + epsilon), or R
 * </pre>
 *
 * {@code R_i} is the trajectory's outcome; {@code A_i} is copied to every step (P-broadcast) and is
 * the scalar. Parameters: {@code normalize_std} (true), {@code epsilon} (1e-6, > 0).
 */
public final class Grpo implements CreditTransform {
    @Override
    public String name() {
        return "grpo";
    }

    @Override
    public Scope scope() {
        return Scope.GROUP;
    }

    @Override
    public Map<String, Object> defaultParams() {
        return Map.of("normalize_std", true, "epsilon", 1e-6);
    }

    @Override
    public TransformResult apply(TrajectoryGroup group, TransformParams params) {
        double[] advantages = GroupStats.groupRelative(group.outcomes(), params.bool("normalize_std"), params.positive("epsilon"));
        return broadcast(name(), group, advantages);
    }

    /** Each member's advantage on all its steps. */
    static TransformResult broadcast(String transform, TrajectoryGroup group, double[] advantages) {
        List<TrajectoryValues> out = new ArrayList<>(group.size());
        for (int i = 0; i < advantages.length; i++) {
            TrajectoryRewards member = group.members().get(i);
            out.add(TrajectoryValues.broadcast(member.id(), advantages[i], member.steps()));
        }
        return new TransformResult(transform, out);
    }
}
