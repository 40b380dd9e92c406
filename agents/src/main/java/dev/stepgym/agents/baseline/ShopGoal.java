package dev.stepgym.agents.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The privileged goal of a {@code shop-v1} task, as the reset info's {@code goal} carries it when
 * the episode was reset with {@code "privileged": true}.
 *
 * @param asin         the product to buy
 * @param searchQuery  a query that finds it
 * @param optionValues the option values to choose (e.g. {@code ["red", "large"]})
 * @param attributes   attributes the product should have, for choosing a substitute
 * @param priceUpper   the price limit, or null
 */
public record ShopGoal(String asin, String searchQuery, List<String> optionValues, List<String> attributes, Double priceUpper) {
    public ShopGoal {
        Objects.requireNonNull(asin, "asin");
        Objects.requireNonNull(searchQuery, "searchQuery");
        optionValues = List.copyOf(optionValues);
        attributes = List.copyOf(attributes);
    }

    /**
     * Reads the goal from a reset's info.
     *
     * @throws IllegalStateException when {@code info.goal} is missing or lacks {@code asin} / {@code search_query}
     */
    public static ShopGoal fromInfo(Map<String, Object> info) {
        Object goal = info.get("goal");
        if (!(goal instanceof Map<?, ?> g)) {
            throw new IllegalStateException("oracle-shop needs privileged goal data, but the reset info has no \"goal\" object"
                    + " (info keys: " + info.keySet() + "); reset shop-v1 with the option {\"privileged\": true}"
                    + " in a scenario that allows privileged data");
        }
        if (!(g.get("asin") instanceof String asin) || !(g.get("search_query") instanceof String query)) {
            throw new IllegalStateException("info.goal must carry string \"asin\" and \"search_query\", got " + g);
        }
        Object price = g.get("price_upper");
        return new ShopGoal(asin, query, optionValues(g.get("options")), strings(g.get("attributes")),
                price instanceof Number n ? Double.valueOf(n.doubleValue()) : null);
    }

    /** Options come as {@code {name: value}} or as a list of values; only the values matter for clicking. */
    private static List<String> optionValues(Object options) {
        if (options instanceof Map<?, ?> byName) {
            List<String> values = new ArrayList<>();
            for (Object value : byName.values()) {
                values.addAll(strings(value));
            }
            return values;
        }
        return strings(options);
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().filter(Objects::nonNull).map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
