package dev.stepgym.rewards.lanser;

/**
 * The three non-negative weights of Lanser's process reward, the pipeline weights of the
 * {@code diagnostic_delta}, {@code safety} and {@code ambiguity_penalty} signals: {@code alpha} on the diagnostic drop,
 * {@code beta} on safety, {@code gamma} on the ambiguity penalty. (These {@code alpha}/{@code gamma}
 * are weights; the selector confidence {@code α_t} is a separate per-step input.)
 *
 * <pre>{@code
 * LanserWeights w = LanserWeights.DEFAULT;              // (0.5, 0.4, 0.1), the paper's example
 * LanserWeights strict = new LanserWeights(1.0, 0.5, 0.5);
 * }</pre>
 */
public record LanserWeights(double alpha, double beta, double gamma) {
    /** The weights of the paper's worked examples and bundle metadata. */
    public static final LanserWeights DEFAULT = new LanserWeights(0.5, 0.4, 0.1);

    public LanserWeights {
        requireWeight("alpha", alpha);
        requireWeight("beta", beta);
        requireWeight("gamma", gamma);
    }

    private static void requireWeight(String name, double value) {
        // Equation 5.1 requires alpha, beta, gamma >= 0; NaN and infinities would poison every sum.
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Lanser weight " + name + " must be a finite number >= 0, got " + value);
        }
    }
}
