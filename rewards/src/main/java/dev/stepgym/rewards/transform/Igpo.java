package dev.stepgym.rewards.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code igpo}: IGPO's advantage as its code computes it (docs/reward-methods.md §2.1 "Advantage, as
 * implemented", §3(c) "position-wise group baseline", pitfall 3), over turns:
 *
 * <pre>
 * r[i,k] = stepRewards[i][k]  (the turn's information gain), plus the outcome at the final turn
 * R[i,k] = r[i,k] + gamma * R[i,k+1]                 returns-to-go within trajectory i
 * A[i,k] = R[i,k] - (1/n) sum_{j in G} R[j,k]         position-wise mean over ALL n members:
 *                                                    a member without turn k is a padded row, R = 0
 * </pre>
 *
 * No standard deviation is used (the reference computes it and ignores it). A member only gets
 * values for the turns it has. No scalar. Parameter {@code gamma} in [0, 1], default 1.0 (hard-coded
 * in the reference).
 *
 * <p>The reference aligns positions by response TOKEN; this transform aligns by turn. Passing
 * per-token rewards (P-last placed, outcome 0) as the steps gives the token-level form, except that
 * the reference also restarts the return where the response mask is 0.
 */
public final class Igpo implements CreditTransform {
    @Override
    public String name() {
        return "igpo";
    }

    @Override
    public Scope scope() {
        return Scope.GROUP;
    }

    @Override
    public Map<String, Object> defaultParams() {
        return Map.of("gamma", 1.0);
    }

    @Override
    public TransformResult apply(TrajectoryGroup group, TransformParams params) {
        double gamma = params.unitInterval("gamma");
        List<TrajectoryRewards> members = group.members();
        int n = members.size();
        double[][] returns = new double[n][];
        int turns = 0;
        for (int i = 0; i < n; i++) {
            returns[i] = Returns.toGo(members.get(i).rewardsWithOutcome(), gamma);
            turns = Math.max(turns, returns[i].length);
        }
        double[] baseline = new double[turns];
        for (int k = 0; k < turns; k++) {
            double sum = 0.0;
            for (int j = 0; j < n; j++) {
                if (k < returns[j].length) {   // a padded row adds 0
                    sum += returns[j][k];
                }
            }
            baseline[k] = sum / n;
        }
        List<TrajectoryValues> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] advantages = new double[returns[i].length];
            for (int k = 0; k < advantages.length; k++) {
                advantages[k] = returns[i][k] - baseline[k];
            }
            out.add(TrajectoryValues.of(members.get(i).id(), advantages, OptionalDouble.empty()));
        }
        return new TransformResult(name(), out);
    }
}
