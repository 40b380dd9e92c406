package dev.stepgym.rewards.progress;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** The ranking and correlation figures the progress model is checked with. */
public final class ProgressStats {
    private ProgressStats() {
    }

    /**
     * The share of (a, b) pairs with a above b, ties counting half (the AUC, Mann–Whitney U over
     * |a|·|b|); NaN when either side is empty.
     */
    public static double auc(double[] above, double[] below) {
        if (above.length == 0 || below.length == 0) {
            return Double.NaN;
        }
        double[] all = new double[above.length + below.length];
        System.arraycopy(above, 0, all, 0, above.length);
        System.arraycopy(below, 0, all, above.length, below.length);
        double[] ranks = ranks(all);
        double sum = 0;
        for (int i = 0; i < above.length; i++) {
            sum += ranks[i];
        }
        double u = sum - above.length * (above.length + 1) / 2.0;
        return u / ((double) above.length * below.length);
    }

    /** Pearson's correlation; NaN for fewer than two pairs or a constant side. */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("pearson needs pairs: " + x.length + " vs " + y.length + " values");
        }
        if (x.length < 2) {
            return Double.NaN;
        }
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** Spearman's rank correlation (Pearson's over average ranks, so ties are handled). */
    public static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    /** 1-based ranks, tied values sharing their mean rank. */
    static double[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = mean;
            }
            i = j + 1;
        }
        return ranks;
    }
}
