package dev.stepgym.rewards.igpo;

/**
 * IGPO's turn reward for one episode: the change in belief in the gold answer,
 * {@code r_t = p_t - p_{t-1}}, where {@code p_0} is measured before the first action and each later
 * {@code p_t} after a turn's action and its observation. A belief is the geometric-mean token
 * probability of the gold answer, {@link #fromLogProbs}.
 *
 * <p>Mutable, one instance per episode; {@link #copy()} for a forked episode.
 *
 * <pre>{@code
 * BeliefGain gain = new BeliefGain(0.10);   // p_0
 * gain.step(0.25);                          // 0.15
 * gain.step(0.20);                          // -0.05: beliefs can fall
 * }</pre>
 */
public final class BeliefGain {
    private double belief;

    /** @param initialBelief {@code p_0}, in [0, 1] */
    public BeliefGain(double initialBelief) {
        this.belief = requireBelief(initialBelief);
    }

    /** Records the belief after a turn and returns its gain over the previous one. */
    public double step(double newBelief) {
        double gain = requireBelief(newBelief) - belief;
        belief = newBelief;
        return gain;
    }

    /** The latest belief. */
    public double belief() {
        return belief;
    }

    /** An independent tracker in the same state, for a forked episode. */
    public BeliefGain copy() {
        return new BeliefGain(belief);
    }

    /**
     * {@code exp(mean log-prob)} of the gold-answer tokens. {@code -Infinity} entries are allowed (the
     * belief is then 0); the result is capped at 1 because a log-softmax can come out a rounding error
     * above 0.
     */
    public static double fromLogProbs(double... tokenLogProbs) {
        if (tokenLogProbs == null || tokenLogProbs.length == 0) {
            throw new IllegalArgumentException("at least one gold-answer token log-prob is needed");
        }
        double sum = 0.0;
        for (double logProb : tokenLogProbs) {
            if (Double.isNaN(logProb) || logProb == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("token log-prob must be a number <= 0 or -Infinity, got " + logProb);
            }
            sum += logProb;
        }
        return Math.min(1.0, Math.exp(sum / tokenLogProbs.length));
    }

    private static double requireBelief(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("belief must be in [0, 1], got " + p);
        }
        return p;
    }
}
