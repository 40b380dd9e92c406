package dev.stepgym.scenarios.report;

/**
 * The Wilson score interval of a binomial proportion: unlike the normal approximation it stays
 * inside [0, 1] and is sensible for the small task counts and 0% or 100% pass rates of a code
 * evaluation. {@code z} = 1.959964 gives the 95% interval.
 *
 * <pre>{@code CodeEvalReport.Interval ci = WilsonScore.interval95(7, 10); // [0.397, 0.892]}</pre>
 */
public final class WilsonScore {
    /** The standard normal quantile of 0.975. */
    public static final double Z95 = 1.959963984540054;

    private WilsonScore() {
    }

    /** The 95% interval of {@code successes} out of {@code trials}; [0, 1] when there are no trials. */
    public static CodeEvalReport.Interval interval95(int successes, int trials) {
        return interval(successes, trials, Z95);
    }

    public static CodeEvalReport.Interval interval(int successes, int trials, double z) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + " of " + trials);
        }
        if (trials == 0) {
            return new CodeEvalReport.Interval(0, 1, "wilson");
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new CodeEvalReport.Interval(Math.max(0, centre - half), Math.min(1, centre + half), "wilson");
    }
}
