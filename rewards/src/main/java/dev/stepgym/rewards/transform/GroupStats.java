package dev.stepgym.rewards.transform;

/**
 * Group statistics as verl computes them (docs/reward-methods.md §2.12, pitfall 10): the mean, the
 * UNBIASED standard deviation ({@code torch.std}, N-1), and GRPO's group-relative normalisation. Sums
 * run in array order.
 */
final class GroupStats {
    private GroupStats() {
    }

    static double mean(double[] x) {
        double sum = 0.0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** {@code sqrt(sum (x - mean)^2 / (N - 1))}; needs {@code N >= 2}. */
    static double unbiasedStd(double[] x, double mean) {
        double squares = 0.0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (x.length - 1));
    }

    /**
     * verl's {@code compute_grpo_outcome_advantage}: {@code (x - mean) / (std + epsilon)}, or
     * {@code x - mean} without std (Dr.GRPO); a group of one has mean 0 and std 1.
     */
    static double[] groupRelative(double[] x, boolean normalizeStd, double epsilon) {
        double mean = 0.0;
        double std = 1.0;
        if (x.length > 1) {
            mean = mean(x);
            std = unbiasedStd(x, mean);
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = normalizeStd ? (x[i] - mean) / (std + epsilon) : x[i] - mean;
        }
        return out;
    }
}
