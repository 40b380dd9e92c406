package dev.stepgym.rewards.webshop;

import java.util.Collection;
import java.util.List;

/**
 * Φ(s) ∈ [0, 1], how close a shop state is to the goal; the {@code progress} component is
 * Φ(s_t) − Φ(s_{t−1}) (potential-based shaping, Ng, Harada &amp; Russell 1999), so it cannot change
 * which policy is optimal. Φ is 0 on the search page and after the purchase (the purchase is paid by
 * the outcome components instead, and the progress terms of a finished episode sum to 0).
 */
public final class ProgressPotential {
    /** Φ on a results page that ranks the target first. */
    public static final double RESULTS_WEIGHT = 0.3;
    /** The rank at which a results page stops being worth anything (WebShop's 50 results). */
    public static final double RESULTS_DEPTH = 50.0;

    private ProgressPotential() {
    }

    /** Results page: {@code weight · (1 − rank/depth)} when the target is among the results, else 0. */
    public static double onResults(List<String> results, String target, double weight, double depth) {
        int rank = results.indexOf(target);
        return rank < 0 ? 0 : weight * (1 - rank / depth);
    }

    /**
     * Item, description and features pages: the WebShop score the purchase would get now (this product,
     * the options chosen so far). The target with the right options scores 1.
     */
    public static double onItem(PurchasedItem item, Collection<String> chosen, WebShopGoal goal) {
        return WebShopReward.score(item, chosen, goal).total();
    }
}
