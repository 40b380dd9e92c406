package dev.stepgym.envs.shop.goal;

import dev.stepgym.rewards.webshop.GoalOptions;
import dev.stepgym.rewards.webshop.WebShopGoal;

import java.util.List;

/**
 * A task's goal: WebShop's goal dict ({@link WebShopGoal}: what the purchase reward reads — the
 * target's query, breadcrumb and title nouns, the attributes, the options, the price limit) plus where
 * the target is in this catalog and the instruction shown to the agent.
 *
 * @param product     index of the target product in the catalog
 * @param target      the goal as the reward sees it (it goes to the episode's context)
 * @param instruction the instruction text shown to the agent
 */
public record Goal(int product, WebShopGoal target, String instruction) {

    /**
     * @param asin            the target's asin (privileged data, not used by the purchase reward)
     * @param name            the target's title
     * @param nouns           the target title's nouns (a list: repeats count in title_score's denominator)
     * @param query           the target's search query
     * @param productCategory the target's breadcrumb
     * @param attributes      wanted attributes (never empty)
     * @param options         wanted options
     * @param priceUpper      price limit (inclusive), or {@link PriceLimit#NO_LIMIT}
     */
    public Goal(int product, String asin, String name, List<String> nouns, String query, String productCategory,
                List<String> attributes, GoalOptions options, double priceUpper, String instruction) {
        this(product, new WebShopGoal(asin, name, nouns, query, productCategory, attributes, options, priceUpper), instruction);
    }

    public String asin() {
        return target.asin();
    }

    public String name() {
        return target.name();
    }

    public List<String> nouns() {
        return target.nouns();
    }

    public String query() {
        return target.query();
    }

    public String productCategory() {
        return target.productCategory();
    }

    public List<String> attributes() {
        return target.attributes();
    }

    public GoalOptions options() {
        return target.options();
    }

    public double priceUpper() {
        return target.priceUpper();
    }
}
