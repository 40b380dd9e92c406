package dev.stepgym.envs.shop.goal;

import java.util.List;

/**
 * What the shopper wants: WebShop's goal dict. The reward reads the target's query, breadcrumb and
 * title nouns (the type reward), the attributes, the options and the price limit; it never compares
 * asins.
 *
 * @param product         index of the target product in the catalog
 * @param asin            the target's asin (privileged data, not used by the reward)
 * @param name            the target's title
 * @param nouns           the target title's nouns (a list: repeats count in title_score's denominator)
 * @param query           the target's search query
 * @param productCategory the target's breadcrumb
 * @param attributes      wanted attributes (never empty)
 * @param options         wanted options
 * @param priceUpper      price limit (inclusive), or {@link PriceLimit#NO_LIMIT}
 * @param instruction     the instruction text shown to the agent
 */
public record Goal(int product, String asin, String name, List<String> nouns, String query, String productCategory,
                   List<String> attributes, GoalOptions options, double priceUpper, String instruction) {
    public Goal {
        nouns = List.copyOf(nouns);
        attributes = List.copyOf(attributes);
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("a goal needs at least one attribute (WebShop divides by their count)");
        }
        if (!(priceUpper > 0)) {
            throw new IllegalArgumentException("price_upper must be positive, got " + priceUpper);
        }
    }
}
