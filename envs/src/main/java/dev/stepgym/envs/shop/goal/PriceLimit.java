package dev.stepgym.envs.shop.goal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * WebShop's price limit rule: of the multiples of 10 (10 … 990) strictly above the price, keep the
 * first four, sample two and keep the larger; with fewer than two, no limit ({@value #NO_LIMIT}).
 */
public final class PriceLimit {
    /** The sentinel WebShop uses when no limit can be drawn. */
    public static final double NO_LIMIT = 1_000_000;

    private PriceLimit() {
    }

    public static double draw(double price, SplittableRandom random) {
        List<Double> candidates = new ArrayList<>();
        for (int i = 1; i < 100 && candidates.size() < 4; i++) {
            if (10.0 * i > price) {
                candidates.add(10.0 * i);
            }
        }
        if (candidates.size() < 2) {
            return NO_LIMIT;
        }
        int a = random.nextInt(candidates.size());
        int b = random.nextInt(candidates.size() - 1);
        if (b >= a) {
            b++; // two distinct positions, as random.sample(range, 2)
        }
        return Math.max(candidates.get(a), candidates.get(b));
    }

    /** The instruction suffix, empty without a limit: {@code ", and price lower than 40.00 dollars"}. */
    public static String text(double priceUpper) {
        return priceUpper >= NO_LIMIT ? "" : String.format(Locale.ROOT, ", and price lower than %.2f dollars", priceUpper);
    }
}
