package dev.stepgym.envs.shop.reward;

import dev.stepgym.envs.shop.catalog.Product;
import dev.stepgym.envs.shop.goal.Goal;

import java.util.Collection;

/**
 * Φ(s) ∈ [0, 1], how close a shop state is to the goal; the {@code progress} component is
 * Φ(s_t) − Φ(s_{t−1}) (potential-based shaping, Ng, Harada &amp; Russell 1999), so it cannot change
 * which policy is optimal. Φ is 0 on the search page and after the purchase (the purchase is paid by
 * the outcome components instead, and the progress terms of a finished episode sum to 0).
 */
public final class ProgressPotential {
    /** Φ on a results page that ranks the target first. */
    public static final double RESULTS_WEIGHT = 0.3;
    private static final double RESULTS_DEPTH = 50.0;

    private ProgressPotential() {
    }

    /** Results page: {@code 0.3 · (1 − rank/50)} when the target is among the results, else 0. */
    public static double onResults(int[] results, int target) {
        for (int rank = 0; rank < results.length; rank++) {
            if (results[rank] == target) {
                return RESULTS_WEIGHT * (1 - rank / RESULTS_DEPTH);
            }
        }
        return 0;
    }

    /**
     * Item, description and features pages: the WebShop score the purchase would get now (this product,
     * the options chosen so far). The target with the right options scores 1.
     */
    public static double onItem(Product product, Collection<String> chosen, Goal goal) {
        return WebShopReward.score(product, product.price(), chosen, goal).total();
    }
}
