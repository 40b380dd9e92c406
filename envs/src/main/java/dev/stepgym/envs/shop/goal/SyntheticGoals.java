package dev.stepgym.envs.shop.goal;

import dev.stepgym.envs.shop.catalog.Catalog;
import dev.stepgym.envs.shop.catalog.Product;
import dev.stepgym.rewards.webshop.GoalOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Synthetic goals for a generated catalog, one per product in a seeded shuffled order, made as
 * WebShop's {@code get_synthetic_goals} makes them: a non-empty subset of the target's attributes,
 * one combination of its options as a dict (option names sorted), the price limit rule and an
 * instruction "…{ with name: value, and name: value}{, and price lower than X dollars}".
 */
public final class SyntheticGoals {
    private static final String[] TEMPLATES = {
            "i need %s %s that is %s",
            "i am looking for %s %s with %s",
            "find me %s %s, %s",
            "i want to buy %s %s that is %s",
    };

    private SyntheticGoals() {
    }

    public static List<Goal> generate(Catalog catalog, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < catalog.size(); i++) {
            order.add(i);
        }
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order.get(i);
            order.set(i, order.get(j));
            order.set(j, tmp);
        }
        List<Goal> goals = new ArrayList<>(order.size());
        for (int index : order) {
            goals.add(goal(catalog.get(index), index, random));
        }
        return goals;
    }

    private static Goal goal(Product p, int index, SplittableRandom random) {
        List<String> pool = new ArrayList<>(p.attributes());
        int k = 1 + random.nextInt(Math.min(3, pool.size()));
        List<String> attributes = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            attributes.add(pool.remove(random.nextInt(pool.size())));
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> option : new TreeMap<>(p.options()).entrySet()) {
            options.put(option.getKey(), option.getValue().get(random.nextInt(option.getValue().size())));
        }
        double priceUpper = PriceLimit.draw(p.price(), random);
        // The instruction names what the product is ("extension cord"), not the department's search
        // query ("hdmi cable"): the type reward scores title nouns, so naming another kind would mislead.
        String type = p.productType();
        String text = String.format(TEMPLATES[random.nextInt(TEMPLATES.length)], article(type), type, joinAnd(attributes));
        StringBuilder instruction = new StringBuilder(text);
        if (!options.isEmpty()) {
            List<String> parts = new ArrayList<>();
            options.forEach((name, value) -> parts.add(name + ": " + value));
            instruction.append(" with ").append(String.join(", and ", parts));
        }
        instruction.append(PriceLimit.text(priceUpper));
        return new Goal(index, p.asin(), p.name(), p.nouns(), p.query(), p.productCategory(), attributes,
                new GoalOptions.Named(options), priceUpper, instruction.toString());
    }

    private static String article(String phrase) {
        return "aeiou".indexOf(phrase.charAt(0)) >= 0 ? "an" : "a";
    }

    private static String joinAnd(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
