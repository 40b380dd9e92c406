package dev.stepgym.agents.mc;

import java.util.List;

/**
 * V(s) estimated from rollouts: the mean outcome score, its standard error (sample standard
 * deviation, N−1, over √k; 0 for one rollout) and the number of rollouts. A terminal state's value is
 * its own outcome, known exactly: {@code k = 0}, standard error 0.
 */
public record ValueEstimate(double mean, double stderr, int k) {

    public static ValueEstimate of(List<Double> outcomes) {
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("no rollout outcomes");
        }
        int n = outcomes.size();
        double mean = outcomes.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n == 1) {
            return new ValueEstimate(mean, 0.0, 1);
        }
        double squares = outcomes.stream().mapToDouble(o -> (o - mean) * (o - mean)).sum();
        return new ValueEstimate(mean, Math.sqrt(squares / (n - 1)) / Math.sqrt(n), n);
    }

    /** The value of a terminal state: its outcome. */
    public static ValueEstimate exact(double outcome) {
        return new ValueEstimate(outcome, 0.0, 0);
    }

    public boolean terminal() {
        return k == 0;
    }
}
