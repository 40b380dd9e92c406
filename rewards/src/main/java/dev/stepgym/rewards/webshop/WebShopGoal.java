package dev.stepgym.rewards.webshop;

import java.util.List;

/**
 * What the shopper wants, as WebShop's goal dict: the fields its purchase reward reads, plus the
 * target's asin, which the reward never compares but the progress potential ranks results by.
 *
 * @param asin            the target product's id
 * @param name            the target's title
 * @param nouns           the title's nouns (a list: repeats count in title_score's denominator)
 * @param query           the target's search query
 * @param productCategory the target's breadcrumb
 * @param attributes      wanted attributes (never empty: WebShop divides by their count)
 * @param options         wanted options, in one of WebShop's two shapes
 * @param priceUpper      price limit (inclusive), positive
 */
public record WebShopGoal(String asin, String name, List<String> nouns, String query, String productCategory,
                          List<String> attributes, GoalOptions options, double priceUpper) {
    public WebShopGoal {
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
