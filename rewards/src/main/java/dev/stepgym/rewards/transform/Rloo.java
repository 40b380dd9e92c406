package dev.stepgym.rewards.transform;

/**
 * {@code rloo}: leave-one-out baseline on the outcome (docs/reward-methods.md §2.9 and §2.12; iStar,
 * PURE): {@code A_i = R_i - mean_{j != i} R_j}, the mean of the OTHER members' outcomes. A group of
 * one has no other member: {@code A = R}, as iStar's {@code episode_rloo_reward} gives for N = 1.
 * {@code A_i} is copied to every step and is the scalar. No parameters.
 */
public final class Rloo implements CreditTransform {
    @Override
    public String name() {
        return "rloo";
    }

    @Override
    public Scope scope() {
        return Scope.GROUP;
    }

    @Override
    public TransformResult apply(TrajectoryGroup group, TransformParams params) {
        double[] outcomes = group.outcomes();
        int n = outcomes.length;
        double[] advantages = new double[n];
        for (int i = 0; i < n; i++) {
            if (n == 1) {
                advantages[i] = outcomes[i];
                continue;
            }
            // The others' sum, in order, rather than (total - R_i): no cancellation error.
            double others = 0.0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    others += outcomes[j];
                }
            }
            advantages[i] = outcomes[i] - others / (n - 1);
        }
        return Grpo.broadcast(name(), group, advantages);
    }
}
