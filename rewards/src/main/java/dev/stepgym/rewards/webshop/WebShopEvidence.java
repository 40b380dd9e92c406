package dev.stepgym.rewards.webshop;

import dev.stepgym.rewards.signal.Evidence;
import dev.stepgym.rewards.signal.MissingEvidenceException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop's evidence and context fields, written by the environment and read by the WebShop
 * signals through this one class, so both sides use the same names and shapes.
 *
 * <p>Step evidence: {@code invalid_action}, {@code page} (search, results, item, description,
 * features, done), {@code query} (the last search, absent on the search page), {@code results}
 * (results page: every result's asin, best first), {@code page_number} (results page),
 * {@code item} (item, description, features and done pages: {@link #item(PurchasedItem)}),
 * {@code selected} (the session's chosen options, name → value, in the order chosen) and
 * {@code bought} (true on the step that buys). Context: {@code goal} ({@link #goal(WebShopGoal)}).
 *
 * <pre>{@code
 * Map<String, Object> context = Map.of(WebShopEvidence.GOAL, WebShopEvidence.goal(goal));
 * WebShopGoal back = WebShopEvidence.goal(scope.context(), "progress");
 * }</pre>
 */
public final class WebShopEvidence {
    public static final String PAGE = "page";
    public static final String QUERY = "query";
    public static final String RESULTS = "results";
    public static final String PAGE_NUMBER = "page_number";
    public static final String ITEM = "item";
    public static final String SELECTED = "selected";
    public static final String BOUGHT = "bought";
    /** The context field that holds the goal. */
    public static final String GOAL = "goal";

    /** Page names, as {@code page} reports them. */
    public static final String SEARCH_PAGE = "search";
    public static final String RESULTS_PAGE = "results";
    public static final String ITEM_PAGE = "item";
    public static final String DESCRIPTION_PAGE = "description";
    public static final String FEATURES_PAGE = "features";
    public static final String DONE_PAGE = "done";

    private WebShopEvidence() {
    }

    /** An item as evidence: asin, name, nouns, query, product_category, attributes, bullet_points, description, price. */
    public static Map<String, Object> item(PurchasedItem item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asin", item.asin());
        m.put("name", item.name());
        m.put("nouns", item.nouns());
        m.put("query", item.query());
        m.put("product_category", item.productCategory());
        m.put("attributes", item.attributes());
        m.put("bullet_points", item.bulletPoints());
        m.put("description", item.description());
        m.put("price", item.price());
        return m;
    }

    /** The item of a step's evidence. */
    public static PurchasedItem item(Evidence step) {
        Evidence e = step.object(ITEM);
        return new PurchasedItem(e.string("asin"), e.string("name"), e.strings("nouns"), e.string("query"),
                e.string("product_category"), e.strings("attributes"), e.strings("bullet_points"),
                e.string("description"), e.number("price"));
    }

    /** The chosen option values of a step's evidence, in the order chosen (WebShop's {@code options.values()}). */
    public static List<String> chosen(Evidence step) {
        Evidence selected = step.object(SELECTED);
        List<String> values = new ArrayList<>();
        for (String name : selected.fields().keySet()) {
            values.add(selected.string(name));
        }
        return values;
    }

    /** The goal as context: asin, name, nouns, query, product_category, attributes, options, price_upper. */
    public static Map<String, Object> goal(WebShopGoal goal) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asin", goal.asin());
        m.put("name", goal.name());
        m.put("nouns", goal.nouns());
        m.put("query", goal.query());
        m.put("product_category", goal.productCategory());
        m.put("attributes", goal.attributes());
        m.put("options", goal.options().toJson());
        m.put("price_upper", goal.priceUpper());
        return m;
    }

    /**
     * The goal of an episode's context.
     *
     * @throws MissingEvidenceException naming the signal and the field when a field is missing or invalid
     */
    public static WebShopGoal goal(Evidence context, String signal) {
        Evidence g = context.object(GOAL);
        GoalOptions options = options(g, signal);
        List<String> attributes = g.strings("attributes");
        if (attributes.isEmpty()) {
            throw new MissingEvidenceException(signal, "attributes",
                    "context field \"goal.attributes\" must not be empty (WebShop divides by its length)");
        }
        double priceUpper = g.number("price_upper");
        if (!(priceUpper > 0)) {
            throw new MissingEvidenceException(signal, "price_upper",
                    "context field \"goal.price_upper\" must be positive, got " + priceUpper);
        }
        return new WebShopGoal(g.string("asin"), g.string("name"), g.strings("nouns"), g.string("query"),
                g.string("product_category"), attributes, options, priceUpper);
    }

    private static GoalOptions options(Evidence goal, String signal) {
        Object raw = goal.raw("options");
        if (raw instanceof List<?>) {
            return new GoalOptions.Values(goal.strings("options"));
        }
        if (raw instanceof Map<?, ?>) {
            Evidence named = goal.object("options");
            Map<String, String> options = new LinkedHashMap<>();
            for (String name : named.fields().keySet()) {
                options.put(name, named.string(name));
            }
            return new GoalOptions.Named(options);
        }
        throw new MissingEvidenceException(signal, "options",
                "context field \"goal.options\" must be an object (dict goal) or a list (list goal)");
    }
}
