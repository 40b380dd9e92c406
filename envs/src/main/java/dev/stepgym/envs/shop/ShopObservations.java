package dev.stepgym.envs.shop;

import dev.stepgym.envs.shop.catalog.Catalog;
import dev.stepgym.envs.shop.catalog.Product;
import dev.stepgym.protocol.Observation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a session as an observation: readable text, the concrete available actions and the
 * structured {@code data}. Pure function of its inputs, so equal states give equal observations.
 */
final class ShopObservations {
    static final String BACK_TO_SEARCH = "back to search";
    static final String NEXT = "next >";
    static final String PREV = "< prev";
    static final String DESCRIPTION = "description";
    static final String FEATURES = "features";
    static final String BUY_NOW = "buy now";

    private ShopObservations() {
    }

    /** The click targets valid on this page, lower-case, in display order. */
    static List<String> clickTargets(ShopSession s, Catalog catalog) {
        List<String> targets = new ArrayList<>();
        switch (s.page) {
            case RESULTS -> {
                targets.add(BACK_TO_SEARCH);
                if (s.pageNumber > 1) {
                    targets.add(PREV);
                }
                if (s.pageNumber < s.lastPage()) {
                    targets.add(NEXT);
                }
                for (int index : pageItems(s)) {
                    targets.add(catalog.get(index).asin().toLowerCase(Locale.ROOT));
                }
            }
            case ITEM -> {
                targets.add(BACK_TO_SEARCH);
                targets.add(PREV);
                targets.add(DESCRIPTION);
                targets.add(FEATURES);
                catalog.get(s.item).options().values().forEach(values -> values.forEach(targets::add));
                targets.add(BUY_NOW);
            }
            case DESCRIPTION, FEATURES -> {
                targets.add(BACK_TO_SEARCH);
                targets.add(PREV);
            }
            default -> {
            }
        }
        return targets;
    }

    static int[] pageItems(ShopSession s) {
        int from = Math.min(s.results.length, (s.pageNumber - 1) * ShopStore.PAGE_SIZE);
        int to = Math.min(s.results.length, from + ShopStore.PAGE_SIZE);
        return java.util.Arrays.copyOfRange(s.results, from, to);
    }

    static Observation render(ShopSession s, Catalog catalog, String instruction, String error) {
        List<String> actions = new ArrayList<>();
        if (s.page == ShopPage.SEARCH) {
            actions.add("search[...]");
        }
        for (String target : clickTargets(s, catalog)) {
            actions.add("click[" + target + "]");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("page", s.page.wire());
        data.put("instruction", instruction);
        StringBuilder text = new StringBuilder("Instruction: ").append(instruction).append("\n\n");
        switch (s.page) {
            case SEARCH -> text.append("[Search page] Type search[<your query>] to look for products.\n");
            case RESULTS -> renderResults(s, catalog, data, text);
            case ITEM, DESCRIPTION, FEATURES -> renderItem(s, catalog, data, text);
            case DONE -> renderDone(s, catalog, data, text);
        }
        if (!actions.isEmpty()) {
            text.append("\nAvailable actions: ").append(String.join(", ", actions));
        }
        return new Observation(text.toString(), actions, data, error);
    }

    private static void renderResults(ShopSession s, Catalog catalog, Map<String, Object> data, StringBuilder text) {
        List<Map<String, Object>> results = new ArrayList<>();
        int[] items = pageItems(s);
        text.append("Search results for \"").append(s.query).append("\" (page ").append(s.pageNumber)
                .append(" of ").append(s.lastPage()).append(", ").append(s.results.length).append(" results)\n");
        if (items.length == 0) {
            text.append("No products match this search. Try click[back to search] and other words.\n");
        }
        for (int index : items) {
            Product p = catalog.get(index);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("asin", p.asin());
            row.put("title", p.name());
            row.put("price", p.price());
            results.add(row);
            text.append("[").append(p.asin()).append("] ").append(p.name()).append(" - ").append(p.priceTag()).append('\n');
        }
        data.put("query", s.query);
        data.put("results", results);
        data.put("page_number", s.pageNumber);
        data.put("total_results", s.results.length);
    }

    private static void renderItem(ShopSession s, Catalog catalog, Map<String, Object> data, StringBuilder text) {
        Product p = catalog.get(s.item);
        data.put("item", item(p, s));
        text.append("[").append(p.asin()).append("] ").append(p.name()).append('\n')
                .append("Price: ").append(p.priceTag()).append('\n');
        switch (s.page) {
            case ITEM -> {
                p.options().forEach((name, values) -> {
                    text.append(name).append(':');
                    for (String v : values) {
                        boolean chosen = v.equals(s.selected.get(name));
                        text.append(' ').append(chosen ? "[x] " : "[ ] ").append(v).append(';');
                    }
                    text.append('\n');
                });
                text.append("Buttons: Description, Features, Buy Now, < Prev, Back to Search\n");
            }
            case DESCRIPTION -> text.append("Description: ").append(p.description()).append('\n');
            case FEATURES -> p.bulletPoints().forEach(b -> text.append("- ").append(b).append('\n'));
            default -> {
            }
        }
    }

    private static void renderDone(ShopSession s, Catalog catalog, Map<String, Object> data, StringBuilder text) {
        Product p = catalog.get(s.item);
        data.put("item", item(p, s));
        data.put("purchased", p.asin());
        data.put("score", s.score);
        text.append("Thank you for shopping with us! You bought [").append(p.asin()).append("] ").append(p.name())
                .append(" with options ").append(s.selected).append(".\n")
                .append(String.format(Locale.ROOT, "Your score: %.4f%n", s.score));
    }

    private static Map<String, Object> item(Product p, ShopSession s) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("asin", p.asin());
        item.put("title", p.name());
        item.put("price", p.price());
        item.put("price_tag", p.priceTag());
        item.put("options", p.options());
        item.put("selected", new LinkedHashMap<>(s.selected));
        return item;
    }
}
