package dev.stepgym.rewards.transform;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code pure_min_form}: PURE's min-form credit assignment (docs/reward-methods.md §2.5, pitfall 5).
 * The step scores {@code PR_t} (the step rewards; the outcome is not read) are reweighted by a
 * softmax over ALL the trajectory's steps, not recomputed over the remaining ones:
 *
 * <pre>
 * w_t  = softmax_t(-PR_t / T)          T = temperature, default 0.1
 * r'_t = w_t * PR_t                     sum_t r'_t -> min_t PR_t as T -> 0
 * G_t  = sum_{t' >= t} r'_t'            PURE's return: a reverse cumulative sum, no gamma
 * </pre>
 *
 * With {@code returns = true} (the default) the values are {@code G_t}; with {@code false} they are
 * the weighted rewards {@code r'_t}, for a caller that subtracts PURE's RLOO baseline before summing.
 * The scalar is {@code G_0 = sum_t r'_t}, the soft minimum.
 */
public final class PureMinForm implements TrajectoryTransform {
    @Override
    public String name() {
        return "pure_min_form";
    }

    @Override
    public Map<String, Object> defaultParams() {
        return Map.of("temperature", 0.1, "returns", true);
    }

    @Override
    public TrajectoryValues applyTo(TrajectoryRewards trajectory, TransformParams params) {
        double temperature = params.positive("temperature");
        boolean returns = params.bool("returns");
        double[] scores = trajectory.stepRewardArray();
        if (scores.length == 0) {
            return TrajectoryValues.of(trajectory.id(), scores, OptionalDouble.empty());
        }
        double[] weighted = weighted(scores, temperature);
        double[] sums = Returns.toGo(weighted, 1.0);
        return TrajectoryValues.of(trajectory.id(), returns ? sums : weighted, OptionalDouble.of(sums[0]));
    }

    /** {@code softmax(-PR/T) * PR}, the softmax shifted by its largest logit as torch does, so it cannot overflow. */
    static double[] weighted(double[] scores, double temperature) {
        double[] logits = new double[scores.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < scores.length; t++) {
            logits[t] = -scores[t] / temperature;
            max = Math.max(max, logits[t]);
        }
        double total = 0.0;
        for (int t = 0; t < scores.length; t++) {
            logits[t] = Math.exp(logits[t] - max);
            total += logits[t];
        }
        double[] out = new double[scores.length];
        for (int t = 0; t < scores.length; t++) {
            out[t] = logits[t] / total * scores[t];
        }
        return out;
    }
}
