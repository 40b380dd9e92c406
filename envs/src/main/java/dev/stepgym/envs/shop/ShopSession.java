package dev.stepgym.envs.shop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mutable state of one episode, kept to ids and small values (the catalog strings it holds
 * are shared references, not copies): the target of ≤ 64 KiB per open episode leaves room for
 * 10,000 open episodes per GiB.
 */
final class ShopSession {
    static final int[] NO_RESULTS = new int[0];

    ShopPage page = ShopPage.SEARCH;
    /** The last search, or null on the search page. */
    String query;
    /** Result product indices of {@link #query}; never mutated, so copies may share it. */
    int[] results = NO_RESULTS;
    /** The asins of {@link #results}, made once per search and shared by every step's evidence (immutable). */
    List<String> resultAsins = List.of();
    int pageNumber = 1;
    /** The product shown (item pages) or bought (done page), or -1. */
    int item = -1;
    /** The session's chosen options, name → value, as WebShop's {@code session["options"]}: reset by a search only. */
    Map<String, String> selected = new LinkedHashMap<>();
    double score;

    ShopSession copy() {
        ShopSession c = new ShopSession();
        c.page = page;
        c.query = query;
        c.results = results;
        c.resultAsins = resultAsins;
        c.pageNumber = pageNumber;
        c.item = item;
        c.selected = new LinkedHashMap<>(selected);
        c.score = score;
        return c;
    }

    int lastPage() {
        return Math.max(1, (results.length + ShopStore.PAGE_SIZE - 1) / ShopStore.PAGE_SIZE);
    }

    /** The canonical state value: no step counter, no derived data. */
    Map<String, Object> state(String taskId, String asin) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("task", taskId);
        state.put("page", page.wire());
        state.put("query", query == null ? "" : query);
        state.put("page_number", page == ShopPage.SEARCH ? 0 : pageNumber);
        state.put("asin", asin == null ? "" : asin);
        state.put("selected", new TreeMap<>(selected));
        state.put("done", page == ShopPage.DONE);
        return state;
    }
}
