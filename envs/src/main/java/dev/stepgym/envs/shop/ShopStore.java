package dev.stepgym.envs.shop;

import dev.stepgym.envs.shop.catalog.Catalog;
import dev.stepgym.envs.shop.catalog.CatalogGenerator;
import dev.stepgym.envs.shop.goal.Goal;
import dev.stepgym.envs.shop.goal.SyntheticGoals;
import dev.stepgym.envs.shop.goal.TaskSet;
import dev.stepgym.envs.shop.search.ProductIndex;
import dev.stepgym.envs.shop.webshop.WebShopData;
import dev.stepgym.envs.shop.webshop.WebShopLoader;

import java.util.List;

/**
 * What every episode of one factory shares, read-only: the catalog, its BM25 index and the task
 * splits. Built once by {@link #open(ShopSettings)}.
 */
public final class ShopStore implements AutoCloseable {
    /** Results shown per page, as WebShop. */
    public static final int PAGE_SIZE = 10;

    private final Catalog catalog;
    private final ProductIndex index;
    private final TaskSet tasks;

    public ShopStore(Catalog catalog, List<Goal> goals) {
        this.catalog = catalog;
        this.index = new ProductIndex(catalog);
        this.tasks = new TaskSet(goals);
    }

    /** Generates a catalog, or loads WebShop's files, as the settings say. */
    public static ShopStore open(ShopSettings settings) {
        if (settings.loadsWebShop()) {
            WebShopData data = WebShopLoader.load(settings.webshopProducts(), settings.webshopAttributes(),
                    settings.webshopHumanInstructions(), settings.productsGiven() ? settings.products() : null,
                    settings.catalogSeed());
            return new ShopStore(data.catalog(), data.goals());
        }
        Catalog catalog = CatalogGenerator.generate(settings.products(), settings.catalogSeed());
        return new ShopStore(catalog, SyntheticGoals.generate(catalog, settings.catalogSeed()));
    }

    public Catalog catalog() {
        return catalog;
    }

    public TaskSet tasks() {
        return tasks;
    }

    /** The top {@value ProductIndex#MAX_RESULTS} products for a query, as catalog indices. */
    public int[] search(String query) {
        return index.search(query, ProductIndex.MAX_RESULTS);
    }

    /** The asins of these catalog indices, in order (immutable). */
    public List<String> asins(int[] indices) {
        String[] out = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = catalog.get(indices[i]).asin();
        }
        return List.of(out);
    }

    /**
     * A query that puts the goal's target on the first results page if one is found: its title, or
     * the title with the goal's attributes; otherwise whichever of the two ranks it better.
     */
    public String searchQueryFor(Goal goal) {
        String title = goal.name();
        int titleRank = rankOf(search(title), goal.product());
        if (titleRank >= 0 && titleRank < PAGE_SIZE) {
            return title;
        }
        String longer = title + " " + String.join(" ", goal.attributes());
        int longerRank = rankOf(search(longer), goal.product());
        if (longerRank >= 0 && (titleRank < 0 || longerRank < titleRank)) {
            return longer;
        }
        return title;
    }

    static int rankOf(int[] results, int product) {
        for (int i = 0; i < results.length; i++) {
            if (results[i] == product) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        index.close();
    }
}
